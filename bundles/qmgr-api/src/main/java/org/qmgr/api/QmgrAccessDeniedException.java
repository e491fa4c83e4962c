package org.qmgr.api;

/**
 * {@code E_ACCESSDENIED}: the caller may not access the group, or the local path is not writable (§1.2, §6.3,
 *
 */
public class QmgrAccessDeniedException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with hresult {@code E_ACCESSDENIED}.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrAccessDeniedException(String message) {
        super(HResults.E_ACCESSDENIED, message);
    }

    /**
     * Creates the exception with hresult {@code E_ACCESSDENIED} and a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrAccessDeniedException(String message, Throwable cause) {
        super(HResults.E_ACCESSDENIED, message, cause);
    }
}
