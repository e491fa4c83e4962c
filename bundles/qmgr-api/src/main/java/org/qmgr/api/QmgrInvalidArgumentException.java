package org.qmgr.api;

/**
 * {@code E_INVALIDARG}: a malformed or out-of-range argument, including {@code null} where a value is required
 * (§6.3, A-28).
 */
public class QmgrInvalidArgumentException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with hresult {@code E_INVALIDARG}.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrInvalidArgumentException(String message) {
        super(HResults.E_INVALIDARG, message);
    }

    /**
     * Creates the exception with hresult {@code E_INVALIDARG} and a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrInvalidArgumentException(String message, Throwable cause) {
        super(HResults.E_INVALIDARG, message, cause);
    }
}
