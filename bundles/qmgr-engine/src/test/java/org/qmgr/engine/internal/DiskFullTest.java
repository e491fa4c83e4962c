package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.GroupWhy;
import org.qmgr.api.JobStatus;
import org.qmgr.api.WaitReason;
import org.qmgr.api.Win32Results;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.store.memory.internal.MemoryQueueStore;

/**
 * A disk that fills up while a file is written. By default a full disk is a transient error (issue 8; unlike
 * spec §4.10, with {@code diskFullIsFatal} to restore it): the group waits in RETRY_WAIT with nothing at the local
 * path and its temp file cut to the bytes a checkpoint vouches for, and once space returns its next retry continues
 * with a Range request from that checkpoint and commits a byte-identical file, with nobody acting. A disk that stays
 * full ends the group in ERROR_DISK_FULL when the no-progress timeout runs out.
 */
class DiskFullTest extends EngineTestSupport {

    private static final int KIB = 1024;
    private static final long CAPACITY = 700L * KIB + 123;

    private FillingDisk disk;

    /** A 3 MiB download, resumed, on an engine whose disk holds {@link #CAPACITY} bytes until freed. */
    private record Download(BackgroundCopyGroup group, BackgroundCopyJob job, TestOrigin.Resource resource,
                            byte[] body, Path local) {
    }

    private Download startOnAFillingDisk(EngineFixture.SettingsBuilder settings, long seed) throws Exception {
        disk = new FillingDisk(CAPACITY);
        fixture.close();
        fixture = new EngineFixture(settings.build(), new MemoryQueueStore(), disk);
        byte[] body = TestContent.bytes(seed, 3 * KIB * KIB);
        TestOrigin.Resource resource = origin.put("/big.bin", body);
        BackgroundCopyGroup group = groupWith("/big.bin");
        group.resume();
        return new Download(group, onlyJob(group), resource, body, dir.resolve("big.bin"));
    }

    @Test
    void aFullDiskIsTransientAndTheGroupFinishesByItselfOnceSpaceReturns() throws Exception {
        Download d = startOnAFillingDisk(EngineFixture.settings().minRetryDelay(Duration.ofSeconds(1))
                .noProgressTimeout(Duration.ofSeconds(600)), 8);

        // Waiting to retry, not stopped: the status word stays INCOMPLETE (a transient error is invisible there,
        // spec A-12), and why() names the error.
        await().atMost(Duration.ofSeconds(10)).until(() -> d.group().why().code() == WaitReason.RETRY_WAIT);
        GroupWhy why = d.group().why();
        assertThat(why.win32Result()).isEqualTo(Win32Results.ERROR_DISK_FULL);
        assertThat(why.transportResult()).isZero();
        assertThat(d.group().getStatus().raw() & 0x200).as("not ERROR").isZero();
        assertThat(disk.refused()).isPositive();
        assertStoppedAtACheckpoint(d);

        disk.free();
        await().atMost(Duration.ofSeconds(20)).until(() -> d.group().getStatus().raw() == 0x140);

        assertFinishedByteForByte(d);
        List<TestOrigin.Logged> gets = origin.gets("/big.bin");
        assertThat(gets.get(0).range()).isNull();
        TestOrigin.Logged last = gets.get(gets.size() - 1);
        assertThat(last.range()).as("the retry after space returned continues, it does not start over")
                .startsWith("bytes=").isNotEqualTo("bytes=0-");
        assertThat(last.ifRange()).isEqualTo(d.resource().etag);
    }

    @Test
    void aDiskThatStaysFullEndsTheGroupInErrorWhenTheNoProgressTimeoutRunsOut() throws Exception {
        Download d = startOnAFillingDisk(EngineFixture.settings().minRetryDelay(Duration.ofMillis(200))
                .noProgressTimeout(Duration.ofSeconds(2)), 9);

        await().atMost(Duration.ofSeconds(20)).until(() -> d.group().getStatus().raw() == 0x380);
        JobStatus status = d.job().getStatus();
        assertThat(status.win32Result()).isEqualTo(Win32Results.ERROR_DISK_FULL);
        assertThat(origin.gets("/big.bin")).as("it was retried before giving up").hasSizeGreaterThan(1);
        assertThat(d.local()).doesNotExist();
    }

    @Test
    void withDiskFullIsFatalAFullDiskStopsTheGroupAndTheClientsResumeFinishesTheFileByteForByte() throws Exception {
        Download d = startOnAFillingDisk(EngineFixture.settings().minRetryDelay(Duration.ofMillis(200))
                .with("diskFullIsFatal", true), 8);

        // ERROR, auto-suspended: the spec's class, a full disk needs the client to act (§1.8), no automatic retry.
        await().atMost(Duration.ofSeconds(10)).until(() -> d.group().getStatus().raw() == 0x380);
        JobStatus status = d.job().getStatus();
        assertThat(status.win32Result()).isEqualTo(Win32Results.ERROR_DISK_FULL);
        assertThat(status.transportResult()).isZero();
        assertThat(status.numOfRetries()).isZero();
        assertThat(disk.refused()).isEqualTo(1);
        FileRecord stopped = assertStoppedAtACheckpoint(d);
        assertThat(Files.size(tempFiles().get(0))).isGreaterThanOrEqualTo(stopped.bytesDone());

        disk.free();
        d.group().resume();
        await().atMost(Duration.ofSeconds(20)).until(() -> d.group().getStatus().raw() == 0x140);

        assertFinishedByteForByte(d);
        List<TestOrigin.Logged> gets = origin.gets("/big.bin");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).range()).isNull();
        assertThat(gets.get(1).range()).isEqualTo("bytes=" + stopped.bytesDone() + "-");
        assertThat(gets.get(1).ifRange()).isEqualTo(d.resource().etag);
    }

    /**
     * Nothing at the final path; the stored record not complete and vouching for some bytes, no more than fit on
     * the disk; one temp file kept for the resume.
     *
     * @return the stored record
     */
    private FileRecord assertStoppedAtACheckpoint(Download d) throws IOException {
        assertThat(d.local()).doesNotExist();
        FileRecord stopped = storedFile(d.job().getJobId());
        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.bytesDone()).as("bytes a checkpoint vouches for").isPositive().isLessThanOrEqualTo(CAPACITY);
        assertThat(tempFiles()).hasSize(1);
        return stopped;
    }

    /** The final file is the body byte for byte, no temp file is left, and the stored record is complete. */
    private void assertFinishedByteForByte(Download d) throws IOException {
        assertThat(TestContent.sha256(Files.readAllBytes(d.local()))).isEqualTo(TestContent.sha256(d.body()));
        assertThat(tempFiles()).isEmpty();
        FileRecord done = storedFile(d.job().getJobId());
        assertThat(done.completed()).isTrue();
        assertThat(done.bytesDone()).isEqualTo(d.body().length);
        assertThat(done.sha256()).isEqualTo(TestContent.sha256(d.body()));
    }

    private FileRecord storedFile(UUID jobId) {
        return fixture.store.read(tx -> tx.files(jobId)).get(0);
    }
}
