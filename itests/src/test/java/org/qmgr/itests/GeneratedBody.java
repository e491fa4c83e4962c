package org.qmgr.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A large deterministic body computed from the byte position (each 8-byte word is a SplitMix64 mix of the seed
 * and the word's index), so any range can be served without holding the body in memory.
 */
final class GeneratedBody {

    private static final int CHUNK = 1 << 20;

    private final long seed;
    private final long length;

    GeneratedBody(long seed, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative body length: " + length);
        }
        this.seed = seed;
        this.length = length;
    }

    /** @return the length in bytes */
    long length() {
        return length;
    }

    /** @return an identifier of this content, for a strong ETag */
    String tag() {
        return Long.toHexString(seed) + "-" + length;
    }

    /** Fills {@code buffer} from its position to its limit with the body's bytes from {@code position} on. */
    void fill(ByteBuffer buffer, long position) {
        long end = position + buffer.remaining();
        if (position < 0 || end > length) {
            throw new IndexOutOfBoundsException("bytes " + position + "-" + (end - 1) + " of a " + length + "-byte body");
        }
        for (long p = position; p < end; ) {
            long word = mix(seed + (p >>> 3) * 0x9E3779B97F4A7C15L);
            for (int b = (int) (p & 7); b < 8 && p < end; b++, p++) {
                buffer.put((byte) (word >>> (8 * b)));
            }
        }
    }

    /** @return the lower-case hex SHA-256 of the whole body */
    String sha256() {
        MessageDigest digest = newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (long p = 0; p < length; p += CHUNK) {
            buffer.clear().limit((int) Math.min(CHUNK, length - p));
            fill(buffer, p);
            digest.update(buffer.flip());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return the lower-case hex SHA-256 of a file's content */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
