package org.qmgr.api;

/**
 * {@code QM_E_ITEM_NOT_FOUND}: unknown group ({@code getGroup}), job ({@code getJob}) or file index
 * ({@code getFile}) (§4.5, §6.3).
 */
public class QmgrItemNotFoundException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with hresult {@code QM_E_ITEM_NOT_FOUND}.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrItemNotFoundException(String message) {
        super(HResults.QM_E_ITEM_NOT_FOUND, message);
    }

    /**
     * Creates the exception with hresult {@code QM_E_ITEM_NOT_FOUND} and a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrItemNotFoundException(String message, Throwable cause) {
        super(HResults.QM_E_ITEM_NOT_FOUND, message, cause);
    }
}
