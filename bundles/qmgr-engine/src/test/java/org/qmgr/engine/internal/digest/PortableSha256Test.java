package org.qmgr.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The portable SHA-256 against the JDK's, whole and in random pieces. */
class PortableSha256Test {

    static byte[] jdk(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    static byte[] random(long seed, int length) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    @Test
    void fipsExamples() {
        PortableSha256 digest = new PortableSha256();
        digest.update("abc".getBytes(), 0, 3);
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        byte[] twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes();
        digest.update(twoBlocks, 0, twoBlocks.length);
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void everyLengthUpTo200MatchesTheJdk() throws Exception {
        byte[] data = random(1, 200);
        PortableSha256 digest = new PortableSha256();
        for (int length = 0; length <= data.length; length++) {
            digest.update(data, 0, length);
            assertThat(digest.digest()).as("%d bytes", length).isEqualTo(jdk(java.util.Arrays.copyOf(data, length)));
        }
    }

    @Test
    void mebibytesFedInRandomPiecesMatchTheJdk() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {1 << 20, 3 * (1 << 20) + 17, 5 * (1 << 20) - 1}) {
            byte[] data = random(size, size);
            PortableSha256 digest = new PortableSha256();
            for (int at = 0; at < size; ) {
                int n = Math.min(size - at, random.nextInt(random.nextBoolean() ? 130 : 200_000));
                digest.update(data, at, n);
                at += n;
            }
            assertThat(digest.digest()).as("%d bytes", size).isEqualTo(jdk(data));
        }
    }

    @Test
    void digestStartsOverAndResetForgets() throws Exception {
        byte[] data = random(3, 100);
        PortableSha256 digest = new PortableSha256();
        digest.update(data, 0, 100);
        digest.digest();
        digest.update(data, 0, 50);
        digest.reset();
        digest.update(data, 0, 100);
        assertThat(digest.digest()).isEqualTo(jdk(data));
        assertThat(digest.exportState()).isEqualTo(Sha256State.initial());
    }
}
