package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.ProgressType;
import org.qmgr.engine.internal.digest.PortableSha256;
import org.qmgr.engine.internal.digest.Sha256State;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.QueueStore;

/**
 * Issue 4: a checkpoint carries the SHA-256 state after exactly the bytes it records, so a file resumed
 * after a restart finishes its digest without rereading the temp file; a missing, corrupt or mismatched
 * state falls back to rehashing, and bytes past the checkpoint are never trusted.
 */
class DigestCheckpointTest extends EngineTestSupport {

    /** Not on a 64-byte block boundary, so the state carries a partial block. */
    private static final long STOP_AT = 1024L * 1024 + 12_345;

    private final UUID groupId = UUID.randomUUID();
    private final UUID jobId = UUID.randomUUID();
    private final byte[] body = TestContent.bytes(400, 3 * 1024 * 1024);
    private TestOrigin.Resource resource;

    /** Starts the download and stops the engine while the origin holds the body at {@link #STOP_AT}. */
    private FileRecord downloadUntilStoppedAt() {
        downloadUntilStalled();
        fixture.close();
        return file();
    }

    private void downloadUntilStalled() {
        resource = origin.put("/f", body);
        TestOrigin.Fault stall = resource.stallAt(STOP_AT);
        BackgroundCopyGroup group = fixture.client().createGroup(groupId);
        group.createJob(jobId).addFile(origin.url("/f"), dir.resolve("f").toString());
        group.resume();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> stall.reached() && group.getProgress(ProgressType.SIZE_DONE) == STOP_AT);
    }

    private FileRecord file() {
        return fixture.store.read(tx -> tx.files(jobId)).get(0);
    }

    /** A new engine on the same store, as after a service restart; the running group carries on by itself. */
    private void restartEngine() {
        QueueStore store = fixture.store;
        fixture = new EngineFixture(EngineFixture.settings().build(), store);
    }

    private FileRecord awaitCompleted() {
        BackgroundCopyGroup group = fixture.client().getGroup(groupId);
        await().atMost(Duration.ofSeconds(20)).until(() -> group.getStatus().raw() == 0x140);
        return file();
    }

    private String resumedRange() {
        List<TestOrigin.Logged> gets = origin.gets("/f");
        assertThat(gets).hasSize(2);
        return gets.get(1).range();
    }

    /** Both the periodic checkpoints (every 256 KiB in tests) and the one written on stop. */
    @Test
    void aCheckpointCarriesTheDigestStateAfterExactlyItsBytes() throws Exception {
        downloadUntilStalled();
        // Checkpoints are recorded behind the transfer: the one taken before the stall lands shortly after.
        await().atMost(Duration.ofSeconds(10)).until(() -> file().bytesDone() >= 256L * 1024);
        FileRecord periodic = file();
        fixture.close();
        FileRecord stopped = file();

        assertThat(periodic.bytesDone()).isBetween(256L * 1024, STOP_AT);
        assertThat(Sha256State.decode(periodic.digestState())).isEqualTo(stateAfter(periodic.bytesDone()));
        assertThat(stopped.bytesDone()).isEqualTo(STOP_AT);
        assertThat(Sha256State.decode(stopped.digestState())).isEqualTo(stateAfter(STOP_AT));
    }

    /** After a resume, checkpoints go on counting from the start of the file, each with its exact state. */
    @Test
    void checkpointsAfterAResumeClaimBytesFromTheStartOfTheFile() throws Exception {
        downloadUntilStoppedAt();
        long secondStop = 2L * 1024 * 1024 + 777;
        TestOrigin.Fault stall = resource.stallAt(secondStop);

        restartEngine();
        BackgroundCopyGroup group = fixture.client().getGroup(groupId);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> stall.reached() && group.getProgress(ProgressType.SIZE_DONE) == secondStop);
        await().atMost(Duration.ofSeconds(10)).until(() -> file().bytesDone() > STOP_AT);
        FileRecord periodic = file();

        assertThat(periodic.bytesDone()).isGreaterThan(STOP_AT).isLessThanOrEqualTo(secondStop);
        assertThat(Sha256State.decode(periodic.digestState())).isEqualTo(stateAfter(periodic.bytesDone()));
        stall.release();
    }

    private Sha256State stateAfter(long bytes) {
        PortableSha256 digest = new PortableSha256();
        digest.update(body, 0, (int) bytes);
        return digest.exportState();
    }

    /**
     * The held prefix is overwritten on disk while the engine is down: the recorded digest is still the
     * origin's, so the prefix was not read again (and not fetched again either: it stays overwritten).
     */
    @Test
    void aResumedFileFinishesItsDigestFromTheCheckpointWithoutRereadingThePrefix() throws Exception {
        FileRecord stopped = downloadUntilStoppedAt();
        Path temp = Path.of(stopped.tempPath());
        byte[] zeros = new byte[64 * 1024];
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(zeros), 0);
        }

        restartEngine();

        FileRecord done = awaitCompleted();
        assertThat(done.sha256()).isEqualTo(TestContent.sha256(body));
        byte[] local = Files.readAllBytes(dir.resolve("f"));
        assertThat(Arrays.copyOf(local, zeros.length)).isEqualTo(zeros);
        assertThat(Arrays.copyOfRange(local, zeros.length, local.length))
                .isEqualTo(Arrays.copyOfRange(body, zeros.length, body.length));
        assertThat(resumedRange()).isEqualTo("bytes=" + STOP_AT + "-");
    }

    /** Checkpoint states that cannot be used, each with the reason the engine must notice. */
    enum UnusableState {
        MISSING(state -> null),
        CORRUPT(state -> {
            state[10] ^= 1;
            return state;
        }),
        OTHER_OFFSET(state -> {
            PortableSha256 shorter = new PortableSha256();
            shorter.update(new byte[100], 0, 100);
            return shorter.exportState().encode();
        });

        final UnaryOperator<byte[]> change;

        UnusableState(UnaryOperator<byte[]> change) {
            this.change = change;
        }
    }

    @ParameterizedTest
    @EnumSource(UnusableState.class)
    void withoutAUsableStateTheHeldBytesAreRehashedAndTheDigestIsStillRight(UnusableState unusable) {
        FileRecord stopped = downloadUntilStoppedAt();
        fixture.store.write(tx -> {
            tx.updateFile(stopped.withProgress(stopped.bytesDone(), stopped.etag(), stopped.lastModifiedMillis(),
                    stopped.tempPath(), unusable.change.apply(stopped.digestState())));
            return null;
        });

        restartEngine();

        FileRecord done = awaitCompleted();
        assertThat(done.sha256()).isEqualTo(TestContent.sha256(body));
        assertThat(resumedRange()).isEqualTo("bytes=" + STOP_AT + "-");
    }

    /** Bytes written after the last checkpoint, before a crash, are cut off and fetched again. */
    @Test
    void aTempFileLongerThanItsCheckpointIsTruncatedToIt() throws Exception {
        FileRecord stopped = downloadUntilStoppedAt();
        Path temp = Path.of(stopped.tempPath());
        byte[] unrecorded = new byte[100_000];
        Arrays.fill(unrecorded, (byte) 0xee);
        Files.write(temp, unrecorded, StandardOpenOption.APPEND);
        assertThat(Files.size(temp)).isEqualTo(STOP_AT + unrecorded.length);

        restartEngine();

        FileRecord done = awaitCompleted();
        assertThat(done.sha256()).isEqualTo(TestContent.sha256(body));
        assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(body);
        assertThat(resumedRange()).isEqualTo("bytes=" + STOP_AT + "-");
    }
}
