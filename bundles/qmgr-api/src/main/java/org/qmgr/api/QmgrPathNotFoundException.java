package org.qmgr.api;

/**
 * {@code HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND)} ({@code 0x80070003}): a local file's parent directory does
 * not exist (§2.3.4, §6.3, A-23).
 */
public class QmgrPathNotFoundException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with hresult {@code E_PATH_NOT_FOUND}.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrPathNotFoundException(String message) {
        super(HResults.E_PATH_NOT_FOUND, message);
    }

    /**
     * Creates the exception with hresult {@code E_PATH_NOT_FOUND} and a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrPathNotFoundException(String message, Throwable cause) {
        super(HResults.E_PATH_NOT_FOUND, message, cause);
    }
}
