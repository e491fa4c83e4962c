package org.qmgr.api;

/**
 * {@code QM_E_INVALID_STATE}: the operation is not allowed in the group's current state (§1.7, §6.3). A
 * {@link Reason} says which rule applied, when known.
 */
public class QmgrInvalidStateException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /** Why the state forbids the operation (§1.7, §6.3). */
    public enum Reason {
        /** The group is cancelled (§2.0). */
        CANCELLED,
        /** The group is running, e.g. {@code createJob} on a running group. */
        RUNNING,
        /** Nothing to transfer: {@code resume()} on a group without a job or without files. */
        EMPTY,
        /** Nothing left to transfer: {@code resume()} on a complete group. */
        COMPLETE
    }

    private final Reason reason;

    /**
     * Creates the exception without a reason, e.g. when rebuilt from a raw HRESULT.
     *
     * @param message the detail, may be {@code null}
     */
    public QmgrInvalidStateException(String message) {
        this(null, message, null);
    }

    /**
     * Creates the exception without a reason, with a cause.
     *
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrInvalidStateException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /**
     * Creates the exception with a reason.
     *
     * @param reason  why the operation is refused, may be {@code null} if unknown
     * @param message the detail, may be {@code null}
     */
    public QmgrInvalidStateException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates the exception with a reason and a cause.
     *
     * @param reason  why the operation is refused, may be {@code null} if unknown
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     */
    public QmgrInvalidStateException(Reason reason, String message, Throwable cause) {
        super(HResults.QM_E_INVALID_STATE, message, cause);
        this.reason = reason;
    }

    /**
     * Why the state forbids the operation.
     *
     * @return the reason, or {@code null} if unknown
     */
    public Reason reason() {
        return reason;
    }
}
