package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.HResults;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrException;

/** Suspend stops the bytes and resume continues with Range; cancel removes the group but keeps committed files. */
class SuspendResumeCancelTest extends EngineTestSupport {

    @Test
    void suspendStopsWritingAndResumeSendsRangeFromHeldBytes() throws Exception {
        byte[] body = TestContent.bytes(10, 40 * TestOrigin.CHUNK);
        TestOrigin.Resource r = origin.put("/data", body);
        r.gate = new Semaphore(3);
        Path target = dir.resolve("data.bin");
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/data"), target.toString());
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == 3L * TestOrigin.CHUNK);

        group.suspend();

        assertThat(group.getStatus().raw()).isEqualTo(0x180);
        long held = group.getProgress(ProgressType.SIZE_DONE);
        Path temp = onlyTempFile();
        r.gate.release(5);
        // The origin may push more bytes into the aborted connection; none may reach the disk.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> Files.size(temp) == held && group.getProgress(ProgressType.SIZE_DONE) == held);

        r.gate = null;
        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        List<TestOrigin.Logged> gets = origin.gets("/data");
        assertThat(gets.get(gets.size() - 1).range()).isEqualTo("bytes=" + held + "-");
        assertThat(gets.get(gets.size() - 1).ifRange()).isEqualTo(r.etag);
    }

    @Test
    void cancelWhileRunningDeletesTheTempFileAndKeepsCommittedFiles() throws Exception {
        byte[] first = TestContent.bytes(20, 1000);
        origin.put("/a", first);
        TestOrigin.Resource slow = origin.put("/b", TestContent.bytes(21, 30 * TestOrigin.CHUNK));
        slow.gate = new Semaphore(1);
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFiles(List.of(new FileSetInfo(origin.url("/a"), dir.resolve("a").toString()),
                new FileSetInfo(origin.url("/b"), dir.resolve("b").toString())));
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) > first.length);

        long startNanos = System.nanoTime();
        group.cancel();

        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(2));
        assertThat(Files.readAllBytes(dir.resolve("a"))).isEqualTo(first);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a");
        }
        assertThat(fixture.client().enumGroups().getCount()).isZero();
        assertThatThrownBy(() -> fixture.client().getGroup(group.getGroupId()))
                .isInstanceOfSatisfying(QmgrException.class,
                        e -> assertThat(e.hresult()).isEqualTo(HResults.QM_E_ITEM_NOT_FOUND));
        assertThatThrownBy(group::getStatus).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResults.QM_E_INVALID_STATE));
        assertThat(group.getGroupId()).isNotNull();
    }

    @Test
    void aRunningGroupResumesAfterARestartWithARangeRequest() throws Exception {
        byte[] body = TestContent.bytes(30, 40 * TestOrigin.CHUNK);
        TestOrigin.Resource r = origin.put("/restart", body);
        r.gate = new Semaphore(4);
        Path target = dir.resolve("restart.bin");
        UUID id = UUID.randomUUID();
        BackgroundCopyGroup group = fixture.client().createGroup(id);
        group.setDisplayName("survivor");
        group.createJob(UUID.randomUUID()).addFile(origin.url("/restart"), target.toString());
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == 4L * TestOrigin.CHUNK);

        fixture.restart();
        r.gate = null;

        BackgroundCopyGroup again = fixture.client().getGroup(id);
        assertThat(again.getDisplayName()).isEqualTo("survivor");
        await().atMost(Duration.ofSeconds(10)).until(() -> again.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        List<TestOrigin.Logged> gets = origin.gets("/restart");
        assertThat(gets.get(gets.size() - 1).range()).startsWith("bytes=").isNotEqualTo("bytes=0-");
    }

    private Path onlyTempFile() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> temps = files.filter(p -> p.getFileName().toString().startsWith("BIT")).toList();
            assertThat(temps).hasSize(1);
            return temps.get(0);
        }
    }
}
