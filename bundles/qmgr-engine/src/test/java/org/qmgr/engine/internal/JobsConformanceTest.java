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

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.Guids;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrException;
import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.api.QmgrLimitExceededException;

/**
 * Conformance checklist C36–C43 (spec §2.2.5, §2.2.11, §2.2.12, §2.3, as changed by P1 several jobs per group
 * and P2 working job verbs).
 */
class JobsConformanceTest {

    private static final int E_INVALIDARG = 0x80070057;
    private static final int E_NOTIMPL = 0x80004001;
    private static final int QM_E_INVALID_STATE = 0x81001001;
    private static final int QM_E_ITEM_NOT_FOUND = 0x81001004;
    /** The code the engine uses for {@code maxJobsPerGroup}; the spec names no code for this P1 limit. */
    private static final int BG_E_TOO_MANY_FILES_IN_JOB = 0x80200051;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private TestOrigin origin;
    private EngineFixture fixture;
    private BackgroundCopyQMgr qmgr;
    private final Semaphore gate = new Semaphore(0);

    @BeforeEach
    void start() throws Exception {
        origin = new TestOrigin();
        fixture = new EngineFixture();
        qmgr = fixture.client();
    }

    @AfterEach
    void stop() throws Exception {
        gate.release(10_000);
        fixture.close();
        origin.close();
    }

    @Test
    void C36_createJobOnANewGroupGivesAnEmptyJobAndKeepsTheGroupSuspended() {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        UUID jobId = UUID.randomUUID();

        BackgroundCopyJob job = group.createJob(jobId);

        assertThat(job.getJobId()).isEqualTo(jobId);
        assertThat(job.getGroupId()).isEqualTo(group.getGroupId());
        assertThat(job.getFileCount()).isZero();
        assertThat(group.getStatus().raw()).isEqualTo(0x180);
        assertThat(job.getStatus().raw()).isEqualTo(0x08);
    }

    /** P1: a suspended group that already has a job takes another, in creation order. */
    @Test
    void C37_secondCreateJobOnASuspendedGroupAddsAJob() {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        UUID first = group.createJob(UUID.randomUUID()).getJobId();

        UUID second = group.createJob(UUID.randomUUID()).getJobId();

        assertThat(group.enumJobs().getCount()).isEqualTo(2);
        assertThat(group.enumJobs().next(2)).containsExactly(first, second);
        assertThat(group.getJob(second).getJobId()).isEqualTo(second);
        assertThat(group.getStatus().raw()).isEqualTo(0x180);
        assertHresult(() -> group.createJob(first), E_INVALIDARG);
        assertThat(group.enumJobs().getCount()).isEqualTo(2);
    }

    /** P1: {@code maxJobsPerGroup} bounds the jobs of a group; the failed call adds nothing. */
    @Test
    void C37_createJobBeyondMaxJobsPerGroupFailsWithTheLimitError() {
        try (EngineFixture limited = new EngineFixture(EngineFixture.settings().with("maxJobsPerGroup", 1).build())) {
            BackgroundCopyGroup group = limited.client().createGroup(UUID.randomUUID());
            UUID only = group.createJob(UUID.randomUUID()).getJobId();

            assertThatThrownBy(() -> group.createJob(UUID.randomUUID()))
                    .isInstanceOfSatisfying(QmgrLimitExceededException.class,
                            e -> assertThat(e.hresult()).isEqualTo(BG_E_TOO_MANY_FILES_IN_JOB));

            assertThat(group.enumJobs().next(5)).containsExactly(only);
            assertThat(group.getStatus().raw()).isEqualTo(0x180);
        }
    }

    @Test
    void C38_createJobOnARunningGroupFailsWithInvalidState() throws Exception {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        UUID jobId = group.createJob(UUID.randomUUID()).getJobId();
        group.getJob(jobId).addFile(gatedUrl("/running"), dir.resolve("running.bin").toString());
        group.resume();
        await().atMost(WAIT).until(() -> !origin.gets("/running").isEmpty());
        assertThat(group.getStatus().raw()).isEqualTo(0x80);

        assertThatThrownBy(() -> group.createJob(UUID.randomUUID()))
                .isInstanceOfSatisfying(QmgrInvalidStateException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(QM_E_INVALID_STATE);
                    assertThat(e.reason()).isEqualTo(QmgrInvalidStateException.Reason.RUNNING);
                });
        // Malformed input still comes before the state (§1.7 precedence).
        assertHresult(() -> group.createJob(Guids.GUID_NULL), E_INVALIDARG);

        assertThat(group.enumJobs().next(5)).containsExactly(jobId);
        gate.release(10_000);
        await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x140);
    }

    /** RETRY_WAIT counts as running too (spec §1.3.1). */
    @Test
    void C38_createJobDuringRetryWaitFailsWithInvalidState() throws Exception {
        TestOrigin.Resource flaky = origin.put("/flaky", TestContent.bytes(38, 1000));
        flaky.failNext(503);
        flaky.gate = gate;
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/flaky"), dir.resolve("flaky.bin").toString());
        group.resume();
        await().atMost(WAIT).until(() -> group.getInfo().state.equals("RETRY_WAIT"));

        assertHresult(() -> group.createJob(UUID.randomUUID()), QM_E_INVALID_STATE);

        assertThat(group.enumJobs().getCount()).isEqualTo(1);
        gate.release(10_000);
        await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x140);
    }

    @Test
    void C39_createJobWithAnotherGroupsJobIdOrGuidNullFailsWithInvalidArg() {
        UUID taken = qmgr.createGroup(UUID.randomUUID()).createJob(UUID.randomUUID()).getJobId();
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());

        assertHresult(() -> group.createJob(taken), E_INVALIDARG);
        assertHresult(() -> group.createJob(Guids.GUID_NULL), E_INVALIDARG);
        assertHresult(() -> group.createJob(null), E_INVALIDARG);

        assertThat(group.enumJobs().getCount()).isZero();
    }

    @Test
    void C40_getJobFindsOnlyTheGroupsOwnJob() {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        BackgroundCopyGroup empty = qmgr.createGroup(UUID.randomUUID());
        UUID othersJob = qmgr.createGroup(UUID.randomUUID()).createJob(UUID.randomUUID()).getJobId();
        BackgroundCopyJob created = group.createJob(UUID.randomUUID());

        BackgroundCopyJob found = group.getJob(created.getJobId());

        assertThat(found.getJobId()).isEqualTo(created.getJobId());
        assertThat(found).isEqualTo(created);
        assertHresult(() -> group.getJob(UUID.randomUUID()), QM_E_ITEM_NOT_FOUND);
        assertHresult(() -> group.getJob(othersJob), QM_E_ITEM_NOT_FOUND);
        assertHresult(() -> empty.getJob(created.getJobId()), QM_E_ITEM_NOT_FOUND);
        assertHresult(() -> empty.getJob(UUID.randomUUID()), QM_E_ITEM_NOT_FOUND);
    }

    @Test
    void C41_enumJobsAfterCreateJobYieldsTheJob() {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        UUID jobId = group.createJob(UUID.randomUUID()).getJobId();

        var jobs = group.enumJobs(0);

        assertThat(jobs.getCount()).isEqualTo(1);
        assertThat(jobs.next(1)).containsExactly(jobId);
        assertThat(jobs.next(1)).isEmpty();
    }

    /** P1 with one job: the index of the transferring / failed / last job is always 0. */
    @Test
    void C42_withOneJobTheJobIndexIsZeroInEveryState() throws Exception {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        assertStatus(group, 0x180, 0);
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        assertStatus(group, 0x180, 0);
        origin.put("/one", TestContent.bytes(42, 4 * TestOrigin.CHUNK)).gate = gate;
        job.addFile(origin.url("/one"), dir.resolve("one.bin").toString());
        group.resume();
        gate.release(1);
        await().atMost(WAIT).until(() -> group.getProgress(ProgressType.SIZE_DONE) == TestOrigin.CHUNK);
        assertStatus(group, 0x80, 0);
        group.suspend();
        assertStatus(group, 0x180, 0);
        group.switchToForeground();
        group.resume();
        assertThat(group.getStatus().jobIndex()).isZero();
        gate.release(10_000);
        await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x540);
        assertStatus(group, 0x540, 0);

        BackgroundCopyGroup failing = qmgr.createGroup(UUID.randomUUID());
        failing.createJob(UUID.randomUUID()).addFile(origin.url("/missing"), dir.resolve("missing.bin").toString());
        failing.resume();
        await().atMost(WAIT).until(() -> failing.getStatus().raw() == 0x380);
        assertStatus(failing, 0x380, 0);
    }

    /** P1 with several jobs: the index follows the transferring job, then the failed one, else the last one. */
    @Test
    void C42_withSeveralJobsTheJobIndexFollowsTheTransferringFailedOrLastJob() throws Exception {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(gatedUrl("/first"), dir.resolve("first.bin").toString());
        group.createJob(UUID.randomUUID()).addFile(okUrl("/second"), dir.resolve("second.bin").toString());
        group.resume();
        await().atMost(WAIT).until(() -> !origin.gets("/first").isEmpty());
        assertStatus(group, 0x80, 0);
        gate.release(10_000);
        await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x140);
        assertStatus(group, 0x140, 1);

        BackgroundCopyGroup failing = qmgr.createGroup(UUID.randomUUID());
        failing.createJob(UUID.randomUUID()).addFile(okUrl("/a"), dir.resolve("a.bin").toString());
        BackgroundCopyJob broken = failing.createJob(UUID.randomUUID());
        broken.addFile(origin.url("/gone"), dir.resolve("gone.bin").toString());
        failing.createJob(UUID.randomUUID()).addFile(okUrl("/c"), dir.resolve("c.bin").toString());
        failing.resume();
        await().atMost(WAIT).until(() -> failing.getStatus().raw() == 0x380);
        assertStatus(failing, 0x380, 1);
        assertThat(broken.getStatus().raw()).isEqualTo(0x18);
        assertThat(origin.gets("/c")).isEmpty();
    }

    /** P2: job cancel removes that job (temp data gone, committed files kept); the group re-evaluates. */
    @Test
    void C43_cancelJobRemovesThatJobAndTheGroupReEvaluates() throws Exception {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        BackgroundCopyJob done = group.createJob(UUID.randomUUID());
        done.addFile(okUrl("/done"), dir.resolve("done.bin").toString());
        group.resume();
        await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x140);
        BackgroundCopyJob pending = group.createJob(UUID.randomUUID());
        pending.addFile(okUrl("/pending"), dir.resolve("pending.bin").toString());
        assertThat(group.getStatus().raw()).isEqualTo(0x180);

        pending.cancelJob();

        assertThat(group.enumJobs().next(5)).containsExactly(done.getJobId());
        assertThat(group.getStatus().raw()).isEqualTo(0x140);
        assertHresult(() -> group.getJob(pending.getJobId()), QM_E_ITEM_NOT_FOUND);
        assertHresult(pending::getStatus, QM_E_INVALID_STATE);
        assertThat(pending.getJobId()).isNotNull();
        assertThat(dir.resolve("done.bin")).exists();

        done.cancelJob();

        assertThat(group.enumJobs().getCount()).isZero();
        assertThat(group.getStatus().raw()).isEqualTo(0x180);
        assertThat(dir.resolve("done.bin")).exists();
        assertThat(group.createJob(UUID.randomUUID()).getFileCount()).isZero();
    }

    /** P2: cancelling the job that failed clears the error; the group waits, suspended, for the next job. */
    @Test
    void C43_cancellingTheFailedJobClearsTheError() throws Exception {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        BackgroundCopyJob broken = group.createJob(UUID.randomUUID());
        broken.addFile(origin.url("/absent"), dir.resolve("absent.bin").toString());
        BackgroundCopyJob next = group.createJob(UUID.randomUUID());
        next.addFile(okUrl("/after"), dir.resolve("after.bin").toString());
        group.resume();
        await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x380);
        assertThat(next.getStatus().raw()).isEqualTo(0x08);
        long absentRequests = requestsFor("/absent");

        broken.cancelJob();

        assertStatus(group, 0x180, 0);
        assertThat(next.getStatus()).satisfies(s -> {
            assertThat(s.raw()).isEqualTo(0x08);
            assertThat(s.win32Result()).isZero();
            assertThat(s.transportResult()).isZero();
        });
        group.resume();
        await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x140);
        assertThat(requestsFor("/absent")).isEqualTo(absentRequests);
    }

    /** P2: cancelling the transferring job stops it, deletes its partial data and moves on to the next job. */
    @Test
    void C43_cancelJobWhileTransferringDeletesPartialDataAndTheGroupMovesOn() throws Exception {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        byte[] big = TestContent.bytes(43, 8 * TestOrigin.CHUNK);
        origin.put("/big", big).gate = gate;
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        BackgroundCopyJob cancelled = group.createJob(UUID.randomUUID());
        cancelled.addFiles(List.of(new FileSetInfo(okUrl("/small"), first.resolve("small.bin").toString()),
                new FileSetInfo(origin.url("/big"), first.resolve("big.bin").toString())));
        BackgroundCopyJob next = group.createJob(UUID.randomUUID());
        next.addFile(okUrl("/next"), second.resolve("next.bin").toString());
        group.resume();
        gate.release(2);
        await().atMost(WAIT).until(() -> cancelled.getFileInfo(1).bytesTransferred == 2L * TestOrigin.CHUNK);

        cancelled.cancelJob();

        await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x140);
        assertThat(group.enumJobs().next(5)).containsExactly(next.getJobId());
        assertThat(fileNames(first)).containsExactly("small.bin");
        assertThat(fileNames(second)).containsExactly("next.bin");
        assertThat(group.getStatus().jobIndex()).isZero();
    }

    /** P2: the job's switchToForeground sets its group's foreground flag (status gains 0x400). */
    @Test
    void C43_jobSwitchToForegroundSetsTheGroupsForegroundFlag() throws Exception {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());

        job.switchToForeground();

        assertThat(group.getStatus().raw()).isEqualTo(0x580);
        job.switchToForeground();
        assertThat(group.getStatus().raw()).isEqualTo(0x580);
        assertThat(job.getStatus().raw()).isEqualTo(0x08);
        job.addFile(okUrl("/fg"), dir.resolve("fg.bin").toString());
        group.resume();
        await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x540);
        assertThat(job.getStatus().raw()).isEqualTo(0x04);
    }

    private String gatedUrl(String path) {
        origin.put(path, TestContent.bytes(path.hashCode(), 1000)).gate = gate;
        return origin.url(path);
    }

    private String okUrl(String path) {
        origin.put(path, TestContent.bytes(path.hashCode(), 1000));
        return origin.url(path);
    }

    private long requestsFor(String path) {
        return origin.log().stream().filter(l -> l.path().equals(path)).count();
    }

    private static void assertStatus(BackgroundCopyGroup group, int raw, int jobIndex) {
        var status = group.getStatus();
        assertThat(status.raw()).as("status word").isEqualTo(raw);
        assertThat(status.jobIndex()).as("job index").isEqualTo(jobIndex);
    }

    private static List<String> fileNames(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void assertHresult(ThrowingCallable call, int hresult) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).as("HRESULT %s", e.hresultName()).isEqualTo(hresult));
    }
}
