package org.qmgr.spi.store;

import java.util.Objects;

/** A store operation failed; the transaction it happened in was rolled back. */
public class QueueStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Reason {
        /** The store cannot be reached or read (database down, corrupt, closed). */
        UNAVAILABLE,
        /** An id that must be unique is already stored. */
        DUPLICATE_KEY,
        /** The record to change is not stored. */
        NOT_FOUND,
        /** The lease was taken over by another node (fencing). */
        LEASE_LOST,
        /** A write was attempted in a read-only transaction, or a rule of the store was broken. */
        ILLEGAL_OPERATION,
        /** The stored data was written by a newer, unknown schema. */
        SCHEMA_TOO_NEW
    }

    private final Reason reason;

    /**
     * @param reason  why, never {@code null}
     * @param message what happened
     * @param cause   the underlying failure, or {@code null}
     */
    public QueueStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason  why, never {@code null}
     * @param message what happened
     */
    public QueueStoreException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** @return why the operation failed */
    public Reason reason() {
        return reason;
    }
}
