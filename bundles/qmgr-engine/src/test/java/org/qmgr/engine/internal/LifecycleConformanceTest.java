package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.JobStatus;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrException;

/**
 * Conformance checklist C59–C77 (spec §1.3, §1.5, §1.7, §1.10, §2.2.3–§2.2.9): resume and suspend per state,
 * the file lifecycle on disk, ordering, sizes and progress, with P7 ({@code TIME_DONE} supported) applied.
 */
class LifecycleConformanceTest extends EngineTestSupport {
    private static final int E_INVALIDARG = 0x80070057;
    private static final int QM_E_INVALID_STATE = 0x81001001;
    private static final int CHUNK = TestOrigin.CHUNK;


    @Test
    void C59_resumeWithoutAJobIsInvalidState() {
        BackgroundCopyGroup group = newGroup();

        assertHresult(group::resume, QM_E_INVALID_STATE);

        assertThat(group.getStatus().raw()).isEqualTo(0x180);
    }

    @Test
    void C60_resumeWithAJobButNoFilesIsInvalidState() {
        BackgroundCopyGroup group = newGroup();
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());

        assertHresult(group::resume, QM_E_INVALID_STATE);

        assertThat(group.getStatus().raw()).isEqualTo(0x180);
        assertThat(job.getStatus().raw()).isEqualTo(0x08);
    }

    @Test
    void C61_resumeWithFilesMakesTheGroupRunning() {
        TestOrigin.Resource r = origin.put("/f", TestContent.bytes(61, 4 * CHUNK));
        r.gate = new Semaphore(0);
        BackgroundCopyGroup group = groupWith("/f");

        group.resume();

        assertThat(group.getStatus().raw()).isEqualTo(0x80);
        assertThat(group.getStatus().jobIndex()).isZero();
        r.gate.release(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
    }

    @Test
    void C62_resumeOnARunningGroupIsANoOp() {
        byte[] body = TestContent.bytes(62, 4 * CHUNK);
        TestOrigin.Resource r = origin.put("/f", body);
        r.gate = new Semaphore(1);
        BackgroundCopyGroup group = groupWith("/f");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == CHUNK);

        group.resume();

        assertThat(group.getStatus().raw()).isEqualTo(0x80);
        assertThat(group.getProgress(ProgressType.SIZE_DONE)).isEqualTo(CHUNK);
        r.gate.release(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(origin.gets("/f")).as("the running transfer was not restarted").hasSize(1);
    }

    @Test
    void C63_suspendStopsTheBytesAndKeepsTheTempFile() throws Exception {
        TestOrigin.Resource r = origin.put("/f", TestContent.bytes(63, 40 * CHUNK));
        r.gate = new Semaphore(3);
        BackgroundCopyGroup group = groupWith("/f");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == 3L * CHUNK);

        group.suspend();

        assertThat(group.getStatus().raw()).isEqualTo(0x180);
        long held = group.getProgress(ProgressType.SIZE_DONE);
        Path temp = onlyTempFile();
        r.gate.release(10);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == held && Files.size(temp) == held);
        assertThat(temp).exists();
        assertThat(group.getStatus().raw()).isEqualTo(0x180);
    }

    @Test
    void C64_resumeSendsRangeFromHeldBytes() throws Exception {
        byte[] body = TestContent.bytes(64, 30 * CHUNK + 777);
        TestOrigin.Resource r = origin.put("/f", body);
        Semaphore gate = new Semaphore(5);
        r.gate = gate;
        BackgroundCopyGroup group = groupWith("/f");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == 5L * CHUNK);
        group.suspend();
        long held = Files.size(onlyTempFile());
        r.gate = null;
        gate.release(100);

        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(held).isEqualTo(5L * CHUNK);
        List<TestOrigin.Logged> gets = origin.gets("/f");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).range()).isNull();
        assertThat(gets.get(1).range()).isEqualTo("bytes=" + held + "-");
        assertThat(gets.get(1).ifRange()).isEqualTo(r.etag);
        assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(body);
    }

    @Test
    void C65_suspendOnANewErrorOrCompleteGroupChangesNothing() {
        BackgroundCopyGroup fresh = newGroup();
        fresh.suspend();
        assertThat(fresh.getStatus().raw()).isEqualTo(0x180);
        fresh.createJob(UUID.randomUUID()).addFile(origin.url("/x"), dir.resolve("x").toString());
        fresh.suspend();
        assertThat(fresh.getStatus().raw()).isEqualTo(0x180);

        BackgroundCopyGroup failed = groupWith("/missing");
        failed.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> failed.getStatus().raw() == 0x380);
        BackgroundCopyJob failedJob = onlyJob(failed);
        JobStatus error = failedJob.getStatus();
        failed.suspend();
        assertThat(failed.getStatus().raw()).isEqualTo(0x380);
        assertThat(failedJob.getStatus()).isEqualTo(error);
        assertThat(error.transportResult()).isEqualTo(404);

        origin.put("/done", TestContent.bytes(65, 100));
        BackgroundCopyGroup complete = groupWith("/done");
        complete.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> complete.getStatus().raw() == 0x140);
        complete.suspend();
        assertThat(complete.getStatus().raw()).isEqualTo(0x140);
        assertThat(onlyJob(complete).getStatus().raw()).isEqualTo(0x04);
    }

    @Test
    void C66_aSingleFileDownloadCompletesTheGroup() throws Exception {
        byte[] body = TestContent.bytes(66, 3 * CHUNK + 5);
        origin.put("/f", body);
        BackgroundCopyGroup group = groupWith("/f");

        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(body);
        assertThat(onlyJob(group).getStatus().raw()).isEqualTo(0x04);
        assertThat(group.getProgress(ProgressType.PERCENT_DONE)).isEqualTo(100);
        assertThat(group.getProgress(ProgressType.SIZE_DONE)).isEqualTo(body.length);
        assertThat(group.getSize()).isEqualTo(body.length);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void C67_theFinalPathIsUntouchedWhileATempFileGrows() throws Exception {
        byte[] body = TestContent.bytes(67, 10 * CHUNK);
        TestOrigin.Resource r = origin.put("/f", body);
        r.gate = new Semaphore(1);
        Path target = dir.resolve("f");
        Files.writeString(target, "old content");
        BackgroundCopyGroup group = groupWith("/f");
        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> tempFileSize() == CHUNK);
        assertThat(Files.readString(target)).isEqualTo("old content");
        r.gate.release(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> tempFileSize() == 3L * CHUNK);
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(tempFiles()).singleElement()
                .satisfies(p -> assertThat(p.getParent()).isEqualTo(dir));

        r.gate.release(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
    }

    @Test
    void C68_filesAreFetchedOneAtATimeInIndexOrder() {
        TestOrigin.Resource[] r = new TestOrigin.Resource[3];
        for (int i = 0; i < 3; i++) {
            r[i] = origin.put("/f" + i, TestContent.bytes(680 + i, 3 * CHUNK));
            r[i].gate = new Semaphore(0);
        }
        r[1].gate.release(100);
        r[2].gate.release(100);
        BackgroundCopyGroup group = groupWith("/f0", "/f1", "/f2");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> origin.gets("/f0").size() == 1);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> origin.gets("/f1").isEmpty() && origin.gets("/f2").isEmpty());
        r[0].gate.release(100);

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        List<String> requests = origin.log().stream().map(l -> l.method() + " " + l.path()).toList();
        // Sizes come from the GETs' headers (spec §2.2.9): no HEAD round trip per file.
        assertThat(requests).containsExactly("GET /f0", "GET /f1", "GET /f2");
    }

    @Test
    void C69_anEarlierFileIsCommittedWhileALaterOneTransfers() throws Exception {
        byte[] first = TestContent.bytes(690, 2 * CHUNK);
        origin.put("/f0", first);
        TestOrigin.Resource second = origin.put("/f1", TestContent.bytes(691, 5 * CHUNK));
        second.gate = new Semaphore(1);
        origin.put("/f2", TestContent.bytes(692, 10));
        BackgroundCopyGroup group = groupWith("/f0", "/f1", "/f2");
        group.resume();

        // File 1 holds one chunk and waits for the gate; file 0's commit may end just after that chunk arrived.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == first.length + CHUNK);
        await().atMost(Duration.ofSeconds(10)).until(() -> onlyJob(group).getFileInfo(0).completed);

        assertThat(Files.readAllBytes(dir.resolve("f0"))).isEqualTo(first);
        assertThat(dir.resolve("f1")).doesNotExist();
        assertThat(dir.resolve("f2")).doesNotExist();
        assertThat(group.getStatus().raw()).isEqualTo(0x80);
        assertThat(onlyJob(group).getFileInfo(0).completed).isTrue();
        assertThat(onlyJob(group).getFileInfo(1).completed).isFalse();
        second.gate.release(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
    }

    @Test
    void C70_aPreExistingLocalFileIsReplacedAtCommit() throws Exception {
        byte[] body = TestContent.bytes(70, 1234);
        origin.put("/f", body);
        Files.write(dir.resolve("f"), TestContent.bytes(7000, 100_000));
        BackgroundCopyGroup group = groupWith("/f");

        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(body);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void C71_theLocalModificationTimeIsTheServersLastModified() throws Exception {
        TestOrigin.Resource r = origin.put("/f", TestContent.bytes(71, 100));
        r.lastModified = Instant.parse("2011-03-04T05:06:07Z");
        BackgroundCopyGroup group = groupWith("/f");

        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.getLastModifiedTime(dir.resolve("f")).toInstant()).isEqualTo(r.lastModified);
    }

    /**
     * The engine learns each file's size from its GET's headers when that file transfers (spec §2.2.9 allows
     * HEAD or GET, and probing all of them earlier). A stub origin announces 5 GiB and drops the connection before
     * a body byte, so the size becomes known without a byte being transferred.
     */
    @Test
    void C72_sizeIsZeroUntilEverySizeIsKnownThenTheExactSumSaturatingRaw() throws Exception {
        long huge = 5L * 1024 * 1024 * 1024;
        byte[] small = TestContent.bytes(72, 3 * CHUNK);
        TestOrigin.Resource r = origin.put("/small", small);
        r.gate = new Semaphore(0);
        try (SizeOnlyOrigin hugeOrigin = new SizeOnlyOrigin(huge)) {
            BackgroundCopyGroup group = newGroup();
            BackgroundCopyJob job = group.createJob(UUID.randomUUID());
            job.addFiles(List.of(new FileSetInfo(origin.url("/small"), dir.resolve("small").toString()),
                    new FileSetInfo(hugeOrigin.url(), dir.resolve("huge").toString(), 77)));
            assertThat(group.getSize()).isZero();
            group.resume();

            await().atMost(Duration.ofSeconds(10)).until(() -> job.getFileInfo(0).totalBytes == small.length);
            assertThat(group.getSize()).as("file 1's size is not known yet").isZero();
            assertThat(group.getSizeRaw()).isZero();
            r.gate.release(100);

            await().atMost(Duration.ofSeconds(10)).until(() -> group.getSize() != 0);
            group.suspend();
            assertThat(group.getSize()).isEqualTo(small.length + huge);
            assertThat(group.getSizeRaw()).isEqualTo(0xFFFF_FFFF);
            assertThat(job.getFileInfo(1).totalBytes).isEqualTo(huge);
            assertThat(group.getProgress(ProgressType.SIZE_DONE)).isEqualTo(small.length);
            assertThat(group.getProgress(ProgressType.PERCENT_DONE)).isZero();
            assertThat(hugeOrigin.requests).startsWith("GET 200");
        }
    }

    @Test
    void C73_percentIsTheFloorNeverHundredBeforeCompleteAndHundredWhenComplete() {
        byte[] body = TestContent.bytes(73, 7 * CHUNK + 123);
        TestOrigin.Resource r = origin.put("/f", body);
        r.gate = new Semaphore(0);
        BackgroundCopyGroup group = groupWith("/f");
        group.resume();
        for (int k = 1; k <= 7; k++) {
            r.gate.release(1);
            long expected = (long) k * CHUNK;
            await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == expected);
            assertThat(group.getProgress(ProgressType.PERCENT_DONE)).isEqualTo(100L * expected / body.length);
        }
        r.gate.release(1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> {
            long percent = group.getProgress(ProgressType.PERCENT_DONE);
            int status = group.getStatus().raw();
            assertThat(percent == 100 && status != 0x140).as("100 %% before COMPLETE").isFalse();
            return status == 0x140;
        });
        assertThat(group.getProgress(ProgressType.PERCENT_DONE)).isEqualTo(100);

        // All but 10 of 1,010 bytes held (99.0099 %): the floor, 99, not a rounded 100.
        byte[] first = TestContent.bytes(730, 1000);
        origin.put("/a", first);
        TestOrigin.Resource last = origin.put("/b", TestContent.bytes(731, 10));
        last.gate = new Semaphore(0);
        BackgroundCopyGroup capped = groupWith("/a", "/b");
        capped.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> capped.getSize() == first.length + 10);
        assertThat(capped.getProgress(ProgressType.SIZE_DONE)).isEqualTo(first.length);
        assertThat(capped.getProgress(ProgressType.PERCENT_DONE)).isEqualTo(99);
        last.gate.release(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> capped.getStatus().raw() == 0x140);
        assertThat(capped.getProgress(ProgressType.PERCENT_DONE)).isEqualTo(100);
    }

    @Test
    void C74_groupAndJobProgressAgree() {
        byte[] body = TestContent.bytes(74, 6 * CHUNK + 9);
        TestOrigin.Resource r = origin.put("/f", body);
        r.gate = new Semaphore(2);
        BackgroundCopyGroup group = groupWith("/f");
        BackgroundCopyJob job = onlyJob(group);
        assertSameProgress(group, job);
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == 2L * CHUNK);

        assertThat(job.getProgress(ProgressType.SIZE_DONE)).isEqualTo(2L * CHUNK);
        assertThat(job.getProgress(ProgressType.PERCENT_DONE)).isEqualTo(group.getProgress(ProgressType.PERCENT_DONE));
        group.suspend();
        assertSameProgress(group, job);

        r.gate.release(100);
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertSameProgress(group, job);
        assertThat(job.getProgress(ProgressType.PERCENT_DONE)).isEqualTo(100);
    }

    /** P7: TIME_DONE is supported and counts seconds of active transfer; unknown kinds are E_INVALIDARG. */
    @Test
    void C75_timeDoneCountsActiveSecondsAndUnknownKindsAreInvalid() {
        TestOrigin.Resource r = origin.put("/f", TestContent.bytes(75, 4 * CHUNK));
        r.gate = new Semaphore(1);
        BackgroundCopyGroup group = groupWith("/f");
        BackgroundCopyJob job = onlyJob(group);
        assertThat(group.getProgress(ProgressType.TIME_DONE)).isZero();
        assertThat(job.getProgressRaw(2)).isZero();
        for (int raw : new int[] {0, 4, -1}) {
            assertHresult(() -> group.getProgressRaw(raw), E_INVALIDARG);
            assertHresult(() -> job.getProgressRaw(raw), E_INVALIDARG);
        }

        group.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> group.getProgress(ProgressType.TIME_DONE) >= 1);
        group.suspend();

        long seconds = group.getProgress(ProgressType.TIME_DONE);
        assertThat(seconds).isBetween(1L, 4L);
        assertThat(job.getProgress(ProgressType.TIME_DONE)).isEqualTo(seconds);
        assertThat(group.getProgressRaw(2)).isEqualTo((int) seconds);
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(2))
                .until(() -> group.getProgress(ProgressType.TIME_DONE) == seconds);
        r.gate.release(100);
    }

    @Test
    void C76_addFilesOnACompleteGroupSuspendsItAndResumeFetchesOnlyTheNewFile() throws Exception {
        byte[] first = TestContent.bytes(760, 1000);
        byte[] second = TestContent.bytes(761, 2000);
        origin.put("/f0", first);
        origin.put("/f1", second);
        BackgroundCopyGroup group = groupWith("/f0");
        BackgroundCopyJob job = onlyJob(group);
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);

        job.addFile(origin.url("/f1"), dir.resolve("f1").toString());

        assertThat(group.getStatus().raw()).isEqualTo(0x180);
        assertThat(job.getStatus().raw()).isEqualTo(0x08);
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("f1"))).isEqualTo(second);
        assertThat(origin.gets("/f0")).hasSize(1);
        assertThat(origin.gets("/f1")).hasSize(1);
        assertThat(group.getSize()).isEqualTo(first.length + second.length);
    }

    @Test
    void C77_resumeOnACompleteGroupIsInvalidState() {
        origin.put("/f", TestContent.bytes(77, 10));
        BackgroundCopyGroup group = groupWith("/f");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);

        assertHresult(group::resume, QM_E_INVALID_STATE);

        assertThat(group.getStatus().raw()).isEqualTo(0x140);
        assertThat(origin.gets("/f")).hasSize(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private BackgroundCopyGroup newGroup() {
        return fixture.client().createGroup(UUID.randomUUID());
    }

    private static void assertSameProgress(BackgroundCopyGroup group, BackgroundCopyJob job) {
        for (ProgressType type : ProgressType.values()) {
            assertThat(job.getProgress(type)).as(type.name()).isEqualTo(group.getProgress(type));
        }
        IntStream.of(1, 2, 3).forEach(raw -> assertThat(job.getProgressRaw(raw)).isEqualTo(group.getProgressRaw(raw)));
    }

    private Path onlyTempFile() throws Exception {
        List<Path> temps = tempFiles();
        assertThat(temps).hasSize(1);
        return temps.get(0);
    }

    private long tempFileSize() throws Exception {
        List<Path> temps = tempFiles();
        return temps.size() == 1 ? Files.size(temps.get(0)) : -1;
    }

    private static void assertHresult(ThrowingCallable call, int hresult) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).as("HRESULT 0x%08X", e.hresult()).isEqualTo(hresult));
    }
}
