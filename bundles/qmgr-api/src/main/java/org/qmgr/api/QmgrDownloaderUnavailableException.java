package org.qmgr.api;

/**
 * {@code QM_E_DOWNLOADER_UNAVAILABLE}: no usable transport for the group's protocol, e.g. on
 * {@code resume()} (§6.3, A-33).
 */
public class QmgrDownloaderUnavailableException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with hresult {@code QM_E_DOWNLOADER_UNAVAILABLE}.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrDownloaderUnavailableException(String message) {
        super(HResults.QM_E_DOWNLOADER_UNAVAILABLE, message);
    }

    /**
     * Creates the exception with hresult {@code QM_E_DOWNLOADER_UNAVAILABLE} and a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrDownloaderUnavailableException(String message, Throwable cause) {
        super(HResults.QM_E_DOWNLOADER_UNAVAILABLE, message, cause);
    }
}
