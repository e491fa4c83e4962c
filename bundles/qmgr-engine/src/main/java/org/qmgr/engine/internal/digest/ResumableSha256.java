package org.qmgr.engine.internal.digest;

/** A SHA-256 computation fed in pieces, that may be able to say where it stands. Not thread-safe. */
public interface ResumableSha256 {

    /** Adds {@code length} bytes of {@code data} from {@code offset}. */
    void update(byte[] data, int offset, int length);

    /** @return the state after the bytes added so far, or {@code null} when this implementation cannot tell */
    Sha256State exportState();

    /** @return the 32-byte digest of the bytes added; the computation starts over afterwards */
    byte[] digest();

    /** Starts over with no bytes. */
    void reset();
}
