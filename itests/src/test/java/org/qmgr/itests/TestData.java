package org.qmgr.itests;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** The deterministic files the origin serves; both the origin and the in-container tests compute them. */
public final class TestData {

    /** Size of the main test file: 10 MiB. */
    public static final int TEN_MIB = 10 * 1024 * 1024;

    private TestData() {
    }

    /** @return {@code size} pseudo-random bytes from {@code seed} */
    public static byte[] bytes(long seed, int size) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long v = random.nextLong();
            for (int b = 0; b < 8 && i + b < size; b++) {
                data[i + b] = (byte) (v >>> (8 * b));
            }
        }
        return data;
    }

    /** @return lower-case hex SHA-256 */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
