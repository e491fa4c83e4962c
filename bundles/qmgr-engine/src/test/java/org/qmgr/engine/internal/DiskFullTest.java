package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.JobStatus;
import org.qmgr.api.Win32Results;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.store.memory.internal.MemoryQueueStore;

/**
 * A disk that fills up while a file is written (spec §1.8, §4.10: a full disk is fatal, {@code ERROR_DISK_FULL}):
 * the group stops in ERROR with nothing at the local path and its temp file cut to the bytes a checkpoint
 * vouches for; once space returns, the client's resume continues with a Range request from that checkpoint
 * and commits a byte-identical file.
 */
class DiskFullTest extends EngineTestSupport {

    private static final int KIB = 1024;

    @Test
    void aFullDiskStopsTheGroupInErrorAndTheResumeAfterSpaceReturnsFinishesTheFileByteForByte() throws Exception {
        FillingDisk disk = new FillingDisk(700L * KIB + 123);
        fixture.close();
        fixture = new EngineFixture(EngineFixture.settings().minRetryDelay(Duration.ofMillis(200)).build(),
                new MemoryQueueStore(), disk);
        byte[] body = TestContent.bytes(8, 3 * KIB * KIB);
        TestOrigin.Resource resource = origin.put("/big.bin", body);
        Path local = dir.resolve("big.bin");
        BackgroundCopyGroup group = groupWith("/big.bin");
        BackgroundCopyJob job = onlyJob(group);
        group.resume();

        // ERROR, auto-suspended: a full disk needs the client to act (spec §1.8), no automatic retry.
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);
        JobStatus status = job.getStatus();
        assertThat(status.win32Result()).isEqualTo(Win32Results.ERROR_DISK_FULL);
        assertThat(status.transportResult()).isZero();
        assertThat(status.numOfRetries()).isZero();
        assertThat(disk.refused()).isEqualTo(1);
        assertThat(local).doesNotExist();
        FileRecord stopped = storedFile(job.getJobId());
        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.bytesDone()).as("bytes a checkpoint vouches for").isPositive()
                .isLessThanOrEqualTo(700L * KIB + 123);
        List<Path> temps = tempFiles();
        assertThat(temps).hasSize(1);
        assertThat(Files.size(temps.get(0))).isGreaterThanOrEqualTo(stopped.bytesDone());

        disk.free();
        group.resume();
        await().atMost(Duration.ofSeconds(20)).until(() -> group.getStatus().raw() == 0x140);

        assertThat(TestContent.sha256(Files.readAllBytes(local))).isEqualTo(TestContent.sha256(body));
        assertThat(tempFiles()).isEmpty();
        FileRecord done = storedFile(job.getJobId());
        assertThat(done.completed()).isTrue();
        assertThat(done.bytesDone()).isEqualTo(body.length);
        assertThat(done.sha256()).isEqualTo(TestContent.sha256(body));
        List<TestOrigin.Logged> gets = origin.gets("/big.bin");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).range()).isNull();
        assertThat(gets.get(1).range()).isEqualTo("bytes=" + stopped.bytesDone() + "-");
        assertThat(gets.get(1).ifRange()).isEqualTo(resource.etag);
    }

    private FileRecord storedFile(UUID jobId) {
        return fixture.store.read(tx -> tx.files(jobId)).get(0);
    }
}
