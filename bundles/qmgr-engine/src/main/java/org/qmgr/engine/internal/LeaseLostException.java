package org.qmgr.engine.internal;

/**
 * A store write fenced by this node's lease on a group was refused: another node took the group over (or the
 * lease was never held). Not an outage: the store answered, and the work must stop without committing more.
 */
final class LeaseLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what moved, as the store described it
     * @param cause   the store's refusal, or {@code null}
     */
    LeaseLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
