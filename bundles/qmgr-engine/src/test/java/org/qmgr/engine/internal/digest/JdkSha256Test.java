package org.qmgr.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qmgr.engine.internal.digest.PortableSha256Test.jdk;
import static org.qmgr.engine.internal.digest.PortableSha256Test.random;

import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * States move between the JDK's digest and the portable one in both directions, at arbitrary offsets. Needs
 * the surefire {@code --add-opens} of the engine's pom, as the distribution's {@code bin/setenv} has it.
 */
class JdkSha256Test {

    private static JdkSha256.Access access;

    @BeforeAll
    static void jdkDigestIsOpen() {
        assertThat(Sha256Digests.checkpointable())
                .as("the JDK digest's state is accessible (surefire argLine %s)", Sha256Digests.OPEN_OPTION).isTrue();
        access = Sha256Digests.access();
        assertThat(Sha256Digests.selfTest(access)).isNull();
    }

    @Test
    void theReflectiveJdkDigestIsTheJdkDigest() throws Exception {
        byte[] data = random(11, 1 << 20);
        JdkSha256 digest = new JdkSha256(access);
        digest.update(data, 0, 1000);
        digest.update(data, 1000, data.length - 1000);
        assertThat(digest.digest()).isEqualTo(jdk(data));
        digest.update(data, 0, 10);
        digest.reset();
        assertThat(digest.exportState()).isEqualTo(Sha256State.initial());
    }

    @Test
    void jdkExportsFinishPortablyAndPortableExportsFinishInTheJdk() throws Exception {
        byte[] data = random(12, 3 * (1 << 20) + 5);
        byte[] expected = jdk(data);
        SplittableRandom random = new SplittableRandom(13);
        for (int round = 0; round < 40; round++) {
            int split = round < 3 ? round : random.nextInt(data.length + 1);
            JdkSha256 jdk = new JdkSha256(access);
            jdk.update(data, 0, split);
            PortableSha256 portable = new PortableSha256();
            portable.update(data, 0, split);
            assertThat(jdk.exportState()).as("state after %d bytes", split).isEqualTo(portable.exportState());

            PortableSha256 finishedPortably = new PortableSha256(Sha256State.decode(jdk.exportState().encode()));
            finishedPortably.update(data, split, data.length - split);
            JdkSha256 finishedByJdk = new JdkSha256(access, Sha256State.decode(portable.exportState().encode()));
            finishedByJdk.update(data, split, data.length - split);
            assertThat(finishedPortably.digest()).as("JDK -> portable at %d", split).isEqualTo(expected);
            assertThat(finishedByJdk.digest()).as("portable -> JDK at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void aFileDigestCheckpointsWhereverItIsAndResumesFromThere() throws Exception {
        byte[] data = random(14, 500_000);
        FileSha256 first = FileSha256.fresh(access);
        first.update(data, 0, 123_457);
        byte[] checkpoint = first.checkpoint();
        FileSha256 resumed = FileSha256.resumed(Sha256State.decode(checkpoint), access);
        resumed.update(data, 123_457, data.length - 123_457);
        assertThat(Sha256State.decode(checkpoint).byteCount()).isEqualTo(123_457);
        assertThat(resumed.finish()).isEqualTo(HexFormat.of().formatHex(jdk(data)));
    }

    /** Where the JDK digest is closed: streams with no checkpoint state, finishes imported states portably. */
    @Test
    void withoutTheJdkDigestsStateStreamingExportsNothingAndResumingIsPortable() throws Exception {
        byte[] data = random(15, 200_000);
        FileSha256 streaming = FileSha256.fresh(null);
        streaming.update(data, 0, 70_001);
        assertThat(streaming.checkpoint()).isNull();

        PortableSha256 head = new PortableSha256();
        head.update(data, 0, 70_001);
        FileSha256 resumed = FileSha256.resumed(head.exportState(), null);
        assertThat(Sha256State.decode(resumed.checkpoint()).byteCount()).isEqualTo(70_001);
        resumed.update(data, 70_001, data.length - 70_001);
        assertThat(resumed.finish()).isEqualTo(HexFormat.of().formatHex(jdk(data)));

        resumed.restart();
        assertThat(resumed.checkpoint()).as("a restart streams with the plain JDK digest again").isNull();
        resumed.update(data, 0, data.length);
        assertThat(resumed.finish()).isEqualTo(HexFormat.of().formatHex(jdk(data)));
    }
}
