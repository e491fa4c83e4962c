package org.qmgr.engine.internal.digest;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Where a SHA-256 computation stands after some bytes: the eight chaining words, the byte count and the
 * buffered partial block. Immutable, and independent of the implementation that produced it, so a state
 * exported by the JDK digest can be finished by {@link PortableSha256} and the other way round.
 *
 * <p>Encoded form, version 1 (big-endian): version byte {@code 1}; H0..H7 (8 x 4 bytes); byte count
 * (8 bytes); partial block length p (1 byte, equal to count mod 64); p partial bytes; CRC32C of all the
 * preceding bytes (4 bytes). A state decoded from the store is never trusted beyond what these checks prove.
 */
public final class Sha256State {

    /** The version byte this class writes and reads. */
    public static final byte VERSION = 1;

    /** The block size of SHA-256 in bytes. */
    static final int BLOCK = 64;

    /** FIPS 180-4 §5.3.3: the chaining words before the first byte. */
    static final int[] INITIAL = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c,
        0x1f83d9ab, 0x5be0cd19};

    private static final int HEADER = 1 + 8 * 4 + 8 + 1;
    private static final int TRAILER = 4;

    private final int[] words;
    private final long byteCount;
    private final byte[] partial;

    private Sha256State(int[] words, long byteCount, byte[] partial) {
        this.words = words;
        this.byteCount = byteCount;
        this.partial = partial;
    }

    /**
     * @param words     the eight chaining words H0..H7 (copied)
     * @param byteCount the bytes digested so far, at least 0
     * @param partial   the last {@code byteCount mod 64} bytes, not yet compressed (copied)
     * @return the state
     * @throws DigestStateException when the parts do not fit together
     */
    public static Sha256State of(int[] words, long byteCount, byte[] partial) throws DigestStateException {
        if (words == null || words.length != 8) {
            throw new DigestStateException("SHA-256 state needs 8 chaining words, got "
                    + (words == null ? "none" : words.length));
        }
        if (byteCount < 0) {
            throw new DigestStateException("SHA-256 state byte count is negative: " + byteCount);
        }
        if (partial == null || partial.length != (int) (byteCount & (BLOCK - 1))) {
            throw new DigestStateException("SHA-256 state after " + byteCount + " bytes must buffer "
                    + (byteCount & (BLOCK - 1)) + " bytes, got " + (partial == null ? "none" : partial.length));
        }
        if (byteCount == 0 && !Arrays.equals(words, INITIAL)) {
            throw new DigestStateException("SHA-256 state of 0 bytes has chaining words other than the initial ones");
        }
        return new Sha256State(words.clone(), byteCount, partial.clone());
    }

    /** @return the state before the first byte */
    public static Sha256State initial() {
        return new Sha256State(INITIAL.clone(), 0, new byte[0]);
    }

    /** @return H0..H7 (a copy) */
    public int[] words() {
        return words.clone();
    }

    /** @return how many bytes went into the digest */
    public long byteCount() {
        return byteCount;
    }

    /** @return the buffered bytes of the last, incomplete block (a copy; {@code byteCount mod 64} long) */
    public byte[] partial() {
        return partial.clone();
    }

    /** @return the version-1 encoding (46 to 109 bytes) */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER + partial.length + TRAILER);
        out.put(VERSION);
        for (int w : words) {
            out.putInt(w);
        }
        out.putLong(byteCount).put((byte) partial.length).put(partial);
        out.putInt(crc(out.array(), out.position()));
        return out.array();
    }

    /**
     * @param encoded what {@link #encode()} wrote
     * @return the state
     * @throws DigestStateException when the bytes are not a well-formed version-1 state
     */
    public static Sha256State decode(byte[] encoded) throws DigestStateException {
        if (encoded == null || encoded.length < HEADER + TRAILER) {
            throw new DigestStateException("SHA-256 state is too short: "
                    + (encoded == null ? "none" : encoded.length + " bytes"));
        }
        if (encoded[0] != VERSION) {
            throw new DigestStateException("unsupported SHA-256 state version " + (encoded[0] & 0xff));
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        in.position(1);
        int[] words = new int[8];
        for (int i = 0; i < words.length; i++) {
            words[i] = in.getInt();
        }
        long byteCount = in.getLong();
        int length = in.get() & 0xff;
        if (encoded.length != HEADER + length + TRAILER) {
            throw new DigestStateException("SHA-256 state of " + encoded.length + " bytes announces "
                    + length + " partial bytes");
        }
        byte[] partial = new byte[length];
        in.get(partial);
        int stored = in.getInt();
        if (stored != crc(encoded, HEADER + length)) {
            throw new DigestStateException("SHA-256 state fails its CRC32C check");
        }
        return of(words, byteCount, partial);
    }

    private static int crc(byte[] data, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, length);
        return (int) crc.getValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sha256State s && s.byteCount == byteCount && Arrays.equals(s.words, words)
                && Arrays.equals(s.partial, partial);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(words) + Long.hashCode(byteCount);
    }

    @Override
    public String toString() {
        return "Sha256State[" + byteCount + " bytes]";
    }
}
