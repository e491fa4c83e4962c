package org.qmgr.api;

/**
 * {@code REGDB_E_CLASSNOTREG}: no callback provider can be resolved for a {@code GROUPPROP_NOTIFYCLSID}
 * (§3, §6.3, A-32).
 */
public class QmgrClassNotRegisteredException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with hresult {@code REGDB_E_CLASSNOTREG}.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrClassNotRegisteredException(String message) {
        super(HResults.REGDB_E_CLASSNOTREG, message);
    }

    /**
     * Creates the exception with hresult {@code REGDB_E_CLASSNOTREG} and a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrClassNotRegisteredException(String message, Throwable cause) {
        super(HResults.REGDB_E_CLASSNOTREG, message, cause);
    }
}
