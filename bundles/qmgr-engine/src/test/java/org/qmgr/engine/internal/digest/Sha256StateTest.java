package org.qmgr.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The version-1 encoding: what goes in comes out, and nothing malformed gets through. */
class Sha256StateTest {

    private static Sha256State after(int length) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) 0x5a);
        PortableSha256 digest = new PortableSha256();
        digest.update(data, 0, length);
        return digest.exportState();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 55, 63, 64, 65, 1000, 4096})
    void roundTripsWithAnyPartialBlock(int length) throws Exception {
        Sha256State state = after(length);
        byte[] encoded = state.encode();

        assertThat(encoded).hasSize(46 + length % 64);
        assertThat(encoded[0]).isEqualTo(Sha256State.VERSION);
        Sha256State decoded = Sha256State.decode(encoded);
        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.byteCount()).isEqualTo(length);
        assertThat(decoded.partial()).hasSize(length % 64);
    }

    @Test
    void theInitialStateIsTheStateOfNoBytes() {
        assertThat(Sha256State.initial()).isEqualTo(after(0));
    }

    @Test
    void everyFlippedBitIsRejected() {
        byte[] good = after(1000).encode();
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> Sha256State.decode(bad)).as("bit %d", bit)
                    .isInstanceOf(DigestStateException.class);
        }
    }

    @Test
    void truncatedOrExtendedEncodingsAreRejected() {
        byte[] good = after(70).encode();
        for (int length = 0; length < good.length; length++) {
            byte[] shorter = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> Sha256State.decode(shorter)).isInstanceOf(DigestStateException.class);
        }
        assertThatThrownBy(() -> Sha256State.decode(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(DigestStateException.class).hasMessageContaining("announces 6 partial bytes");
        assertThatThrownBy(() -> Sha256State.decode(null))
                .isInstanceOf(DigestStateException.class).hasMessage("SHA-256 state is too short: none");
    }

    @Test
    void anotherVersionIsRejectedByName() {
        byte[] encoded = after(10).encode();
        encoded[0] = 2;
        assertThatThrownBy(() -> Sha256State.decode(resealed(encoded)))
                .isInstanceOf(DigestStateException.class).hasMessage("unsupported SHA-256 state version 2");
    }

    /** Well-sealed (the CRC fits) but inconsistent: the partial block must be the count's remainder mod 64. */
    @Test
    void aPartialBlockThatDoesNotFitTheCountIsRejected() {
        byte[] encoded = after(10).encode();
        ByteBuffer.wrap(encoded).putLong(33, 11);
        assertThatThrownBy(() -> Sha256State.decode(resealed(encoded)))
                .isInstanceOf(DigestStateException.class)
                .hasMessage("SHA-256 state after 11 bytes must buffer 11 bytes, got 10");
    }

    @Test
    void aStateOfNoBytesMustHoldTheInitialWords() {
        int[] words = Sha256State.initial().words();
        words[3]++;
        assertThatThrownBy(() -> Sha256State.of(words, 0, new byte[0])).isInstanceOf(DigestStateException.class);
        assertThatThrownBy(() -> Sha256State.of(words, -64, new byte[0]))
                .isInstanceOf(DigestStateException.class).hasMessage("SHA-256 state byte count is negative: -64");
        assertThatThrownBy(() -> Sha256State.of(new int[7], 64, new byte[0]))
                .isInstanceOf(DigestStateException.class).hasMessage("SHA-256 state needs 8 chaining words, got 7");
    }

    @Test
    void aStateIsACopyOfWhatItWasMadeOf() throws Exception {
        int[] words = after(64).words();
        byte[] partial = new byte[1];
        Sha256State state = Sha256State.of(words, 65, partial);
        words[0]++;
        partial[0]++;
        state.words()[1]++;
        assertThat(state.words()).isEqualTo(after(64).words());
        assertThat(state.partial()).containsExactly(0);
    }

    /** Rewrites the CRC32C trailer, so a test gets past the seal to the check it means to reach. */
    private static byte[] resealed(byte[] encoded) {
        CRC32C crc = new CRC32C();
        crc.update(encoded, 0, encoded.length - 4);
        ByteBuffer.wrap(encoded).putInt(encoded.length - 4, (int) crc.getValue());
        return encoded;
    }
}
