package org.qmgr.api;

/**
 * {@code QM_E_SERVICE_UNAVAILABLE}: the service is stopping or stopped, e.g. a call on a handle that outlived
 * the service (§2.0, §6.3, A-33).
 */
public class QmgrServiceUnavailableException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with hresult {@code QM_E_SERVICE_UNAVAILABLE}.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrServiceUnavailableException(String message) {
        super(HResults.QM_E_SERVICE_UNAVAILABLE, message);
    }

    /**
     * Creates the exception with hresult {@code QM_E_SERVICE_UNAVAILABLE} and a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrServiceUnavailableException(String message, Throwable cause) {
        super(HResults.QM_E_SERVICE_UNAVAILABLE, message, cause);
    }
}
