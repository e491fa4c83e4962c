package org.qmgr.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.engine.internal.digest.PortableSha256Test.jdk;
import static org.qmgr.engine.internal.digest.PortableSha256Test.random;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hashing hand-off: whatever the chunk sizes, and whether hashed inline or on its own thread, the digest
 * equals a one-shot SHA-256 of the bytes submitted, and a mark's state is that of exactly the bytes submitted
 * before it.
 */
class DigestPipelineTest {

    private static final int BUFFER = 64 * 1024;

    private static DigestPipeline pipeline(boolean threaded, FileSha256 digest) {
        return threaded ? DigestPipeline.threaded(digest, BUFFER, 3, "test-digest")
                : DigestPipeline.inline(digest, BUFFER);
    }

    /** Feeds {@code data} in random chunks, marking at random points; checks every mark and the digest. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theDigestAndEveryMarkCoverExactlyTheBytesSubmitted(boolean threaded) throws Exception {
        byte[] data = random(21, 5 * 1024 * 1024 + 77);
        SplittableRandom random = new SplittableRandom(22);
        FileSha256 digest = FileSha256.fresh();
        List<DigestPipeline.Mark> marks = new ArrayList<>();
        Set<ByteBuffer> lent = Collections.newSetFromMap(new IdentityHashMap<>());
        try (DigestPipeline pipeline = pipeline(threaded, digest)) {
            int at = 0;
            while (at < data.length) {
                ByteBuffer buffer = pipeline.buffer();
                lent.add(buffer);
                assertThat(buffer.position()).isZero();
                assertThat(buffer.remaining()).isEqualTo(BUFFER);
                // Sizes from 1 byte to a full buffer, so marks fall inside and across 64-byte blocks.
                int n = Math.min(data.length - at, random.nextInt(4) == 0 ? 1 + random.nextInt(100)
                        : 1 + random.nextInt(BUFFER));
                buffer.put(data, at, n).flip();
                pipeline.submit(buffer);
                at += n;
                assertThat(pipeline.submitted()).isEqualTo(at);
                if (random.nextInt(5) == 0) {
                    marks.add(pipeline.mark());
                }
            }
            assertThat(Sha256State.decode(pipeline.drain())).isEqualTo(stateAfter(data, data.length));
        }
        assertThat(lent).as("buffers are lent again, never more than the pipeline may have")
                .hasSizeBetween(1, threaded ? 3 : 1);
        assertThat(marks).hasSizeGreaterThan(5);
        for (DigestPipeline.Mark mark : marks) {
            assertThat(mark.isDone()).isTrue();
            assertThat(Sha256State.decode(mark.state())).as("state at %d", mark.bytes())
                    .isEqualTo(stateAfter(data, (int) mark.bytes()));
        }
        assertThat(digest.finish()).isEqualTo(HexFormat.of().formatHex(jdk(data)));
    }

    /** A pipeline resumed from a state continues that digest. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aResumedDigestContinues(boolean threaded) throws Exception {
        byte[] data = random(23, 300_001);
        PortableSha256 head = new PortableSha256();
        head.update(data, 0, 1234);
        FileSha256 digest = FileSha256.resumed(head.exportState());
        try (DigestPipeline pipeline = pipeline(threaded, digest)) {
            for (int at = 1234; at < data.length; ) {
                ByteBuffer buffer = pipeline.buffer();
                int n = Math.min(buffer.remaining(), data.length - at);
                buffer.put(data, at, n).flip();
                pipeline.submit(buffer);
                at += n;
            }
            pipeline.drain();
        }
        assertThat(digest.finish()).isEqualTo(HexFormat.of().formatHex(jdk(data)));
    }

    /** Closing without draining drops what was not hashed; a mark never reached then fails instead of hanging. */
    @Test
    void closingDropsTheRestAndFailsMarksNotReached() {
        FileSha256 digest = FileSha256.fresh();
        DigestPipeline.Mark mark;
        DigestPipeline pipeline = DigestPipeline.threaded(digest, BUFFER, 2, "test-digest");
        for (int i = 0; i < 2; i++) {
            ByteBuffer buffer = pipeline.buffer();
            buffer.put(new byte[BUFFER]).flip();
            pipeline.submit(buffer);
        }
        mark = pipeline.mark();
        pipeline.close();
        assertThat(mark.isDone()).as("a mark never waits past the close").isTrue();
        try {
            // The hashing may have got there before the close.
            assertThat(Sha256State.decode(mark.state()).byteCount()).isEqualTo(2L * BUFFER);
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("stopped before byte " + 2 * BUFFER);
        } catch (DigestStateException e) {
            throw new AssertionError(e);
        }
    }

    /** Without an exportable state (the plain JDK digest) marks carry none, and hashing still works. */
    @Test
    void aDigestWithoutStatesGivesMarksWithoutState() throws Exception {
        byte[] data = random(24, 100_000);
        FileSha256 digest = FileSha256.fresh(null);
        try (DigestPipeline pipeline = DigestPipeline.threaded(digest, BUFFER, 2, "test-digest")) {
            ByteBuffer buffer = pipeline.buffer();
            buffer.put(data, 0, BUFFER).flip();
            pipeline.submit(buffer);
            assertThat(pipeline.mark().state()).isNull();
            buffer = pipeline.buffer();
            buffer.put(data, BUFFER, data.length - BUFFER).flip();
            pipeline.submit(buffer);
            assertThat(pipeline.drain()).isNull();
        }
        assertThat(digest.finish()).isEqualTo(HexFormat.of().formatHex(jdk(data)));
    }

    @Test
    void aThreadedPipelineNeedsTwoBuffers() {
        assertThatThrownBy(() -> DigestPipeline.threaded(FileSha256.fresh(), BUFFER, 1, "test-digest"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Sha256State stateAfter(byte[] data, int bytes) {
        PortableSha256 digest = new PortableSha256();
        digest.update(data, 0, bytes);
        return digest.exportState();
    }
}
