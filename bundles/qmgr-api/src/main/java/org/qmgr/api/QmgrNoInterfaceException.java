package org.qmgr.api;

/**
 * {@code E_NOINTERFACE}: the requested interface is not available. Raw layer only; the typed API returns
 * {@code Optional.empty()} instead (§6.3, A-31).
 */
public class QmgrNoInterfaceException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with hresult {@code E_NOINTERFACE}.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrNoInterfaceException(String message) {
        super(HResults.E_NOINTERFACE, message);
    }

    /**
     * Creates the exception with hresult {@code E_NOINTERFACE} and a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrNoInterfaceException(String message, Throwable cause) {
        super(HResults.E_NOINTERFACE, message, cause);
    }
}
