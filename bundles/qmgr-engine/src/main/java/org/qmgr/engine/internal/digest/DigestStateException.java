package org.qmgr.engine.internal.digest;

/** A SHA-256 state that cannot be used: malformed, corrupt, of another version, or inconsistent. */
public final class DigestStateException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the bad value */
    public DigestStateException(String message) {
        super(message);
    }
}
