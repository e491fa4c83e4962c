package org.qmgr.bench;

/** A bad command line: the message is one line naming the bad value; {@link Main} prints it with the usage. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the bad value */
    public UsageException(String message) {
        super(message);
    }
}
