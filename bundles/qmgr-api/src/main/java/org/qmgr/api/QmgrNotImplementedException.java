package org.qmgr.api;

/**
 * {@code E_NOTIMPL}: the operation, property, protocol or flag value is defined but not supported (§3, §6.3,
 *
 */
public class QmgrNotImplementedException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with hresult {@code E_NOTIMPL}.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrNotImplementedException(String message) {
        super(HResults.E_NOTIMPL, message);
    }

    /**
     * Creates the exception with hresult {@code E_NOTIMPL} and a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrNotImplementedException(String message, Throwable cause) {
        super(HResults.E_NOTIMPL, message, cause);
    }
}
