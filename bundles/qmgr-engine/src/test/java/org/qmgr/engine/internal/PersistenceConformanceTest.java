package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.BitsJobView;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.GroupProp;
import org.qmgr.api.JobStatus;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrException;

/**
 * Conformance checklist C121–C126 (spec §1.9, §2.0, A-24, A-33): what survives a service restart, the
 * inactivity timeout, a stopped service, a missing transport, and concurrent verbs on one group.
 */
class PersistenceConformanceTest extends EngineTestSupport {
    private static final int QM_E_INVALID_STATE = 0x81001001;
    private static final int QM_E_SERVICE_UNAVAILABLE = 0x81001002;
    private static final int QM_E_DOWNLOADER_UNAVAILABLE = 0x81001003;
    private static final int QM_E_ITEM_NOT_FOUND = 0x81001004;
    private static final int CHUNK = TestOrigin.CHUNK;
    /** The group status words of spec §1.3.2, background and foreground. */
    private static final Set<Integer> STATUS_TABLE = Set.of(0x180, 0x80, 0x380, 0x140, 0x580, 0x480, 0x780, 0x540);


    @Test
    void C121_aRestartMidTransferRestoresTheQueueAndResumesWithRange() throws Exception {
        byte[] first = TestContent.bytes(1210, 1000);
        byte[] second = TestContent.bytes(1211, 40 * CHUNK + 17);
        origin.put("/f0", first);
        TestOrigin.Resource r = origin.put("/f1", second);
        r.gate = new Semaphore(4);
        UUID id = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        UUID idleId = UUID.randomUUID();
        BackgroundCopyQMgr qmgr = fixture.client();
        BackgroundCopyGroup group = qmgr.createGroup(id);
        group.setDisplayName("survivor");
        group.setDescription("restarted mid-transfer");
        group.setNotifyFlagsMask(0x4);
        group.switchToForeground();
        List<FileSetInfo> files = List.of(new FileSetInfo(origin.url("/f0"), dir.resolve("f0").toString(), 11),
                new FileSetInfo(origin.url("/f1"), dir.resolve("f1").toString(), 0xFFFF_FFFE));
        group.createJob(jobId).addFiles(files);
        BackgroundCopyGroup idle = qmgr.createGroup(idleId);
        idle.setDescription("never resumed");
        idle.createJob(UUID.randomUUID()).addFile(origin.url("/f0"), dir.resolve("idle").toString());
        group.resume();
        long held = first.length + 4L * CHUNK;
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == held);
        int logged = origin.log().size();

        fixture.restart();

        BackgroundCopyQMgr after = fixture.client();
        assertThat(after.enumGroups().next(5)).containsExactly(id, idleId);
        BackgroundCopyGroup again = after.getGroup(id);
        assertThat(again.getStatus().raw()).isEqualTo(0x480);
        assertThat(again.getDisplayName()).isEqualTo("survivor");
        assertThat(again.getDescription()).isEqualTo("restarted mid-transfer");
        assertThat(again.getNotifyFlagsMask()).isEqualTo(0x4);
        BackgroundCopyJob job = again.getJob(jobId);
        assertThat(job.getFileCount()).isEqualTo(2);
        assertThat(List.of(job.getFile(0), job.getFile(1))).isEqualTo(files);
        assertThat(job.getFileInfo(0).completed).isTrue();
        assertThat(after.getGroup(idleId).getStatus().raw()).isEqualTo(0x180);
        assertThat(after.getGroup(idleId).getDescription()).isEqualTo("never resumed");

        r.gate.release(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> again.getStatus().raw() == 0x540);
        assertThat(Files.readAllBytes(dir.resolve("f0"))).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("f1"))).isEqualTo(second);
        List<TestOrigin.Logged> resumed = origin.log().subList(logged, origin.log().size()).stream()
                .filter(l -> l.method().equals("GET")).toList();
        assertThat(resumed).first().satisfies(l -> {
            assertThat(l.path()).isEqualTo("/f1");
            assertThat(l.range()).isEqualTo("bytes=" + 4L * CHUNK + "-");
            assertThat(l.ifRange()).isEqualTo(r.etag);
        });
        assertThat(resumed).extracting(TestOrigin.Logged::path).doesNotContain("/f0");
    }

    @Test
    void C122_suspendedErrorAndCompleteGroupsKeepTheirStatusAcrossARestart() {
        origin.put("/done", TestContent.bytes(1220, 500));
        BackgroundCopyGroup suspended = groupWith("/pending");
        BackgroundCopyGroup foreground = groupWith("/pending2");
        foreground.switchToForeground();
        BackgroundCopyGroup failed = groupWith("/missing");
        BackgroundCopyGroup complete = groupWith("/done");
        failed.resume();
        complete.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> failed.getStatus().raw() == 0x380 && complete.getStatus().raw() == 0x140);
        List<BackgroundCopyGroup> groups = List.of(suspended, foreground, failed, complete);
        Map<UUID, Integer> before = new HashMap<>();
        Map<UUID, JobStatus> jobsBefore = new HashMap<>();
        groups.forEach(g -> {
            before.put(g.getGroupId(), g.getStatus().raw());
            jobsBefore.put(g.getGroupId(), onlyJob(g).getStatus());
        });
        assertThat(before.values()).containsExactlyInAnyOrder(0x180, 0x580, 0x380, 0x140);

        int logged = origin.log().size();
        fixture.restart();

        BackgroundCopyQMgr after = fixture.client();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> groups.stream()
                .allMatch(g -> after.getGroup(g.getGroupId()).getStatus().raw() == before.get(g.getGroupId())));
        for (BackgroundCopyGroup g : groups) {
            assertThat(onlyJob(after.getGroup(g.getGroupId())).getStatus()).isEqualTo(jobsBefore.get(g.getGroupId()));
        }
        assertThat(jobsBefore.get(failed.getGroupId()).transportResult()).isEqualTo(404);
        assertThat(origin.log()).hasSize(logged);
        assertThat(dir.resolve("done")).exists();
    }

    @Test
    void C123_anUntouchedGroupIsCancelledAfterTheInactivityTimeoutAndCommittedFilesStay() throws Exception {
        byte[] body = TestContent.bytes(1230, 3000);
        origin.put("/done", body);
        try (EngineFixture shortLived = new EngineFixture(EngineFixture.settings()
                .with("inactivityTimeoutSeconds", 2L).build())) {
            BackgroundCopyQMgr qmgr = shortLived.client();
            BackgroundCopyGroup idle = qmgr.createGroup(UUID.randomUUID());
            idle.createJob(UUID.randomUUID()).addFile(origin.url("/never"), dir.resolve("never").toString());
            BackgroundCopyGroup complete = qmgr.createGroup(UUID.randomUUID());
            complete.createJob(UUID.randomUUID()).addFile(origin.url("/done"), dir.resolve("done").toString());
            complete.resume();
            await().atMost(Duration.ofSeconds(2)).until(() -> complete.getStatus().raw() == 0x140);
            assertThat(idle.getStatus().raw()).isEqualTo(0x180);

            await().atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
                assertHresult(() -> qmgr.getGroup(idle.getGroupId()), QM_E_ITEM_NOT_FOUND);
                assertHresult(() -> qmgr.getGroup(complete.getGroupId()), QM_E_ITEM_NOT_FOUND);
            });

            assertThat(qmgr.enumGroups().getCount()).isZero();
            assertHresult(idle::getStatus, QM_E_INVALID_STATE);
            assertThat(Files.readAllBytes(dir.resolve("done"))).isEqualTo(body);
            assertThat(dir.resolve("never")).doesNotExist();
        }
    }

    /** The id accessors are local to the handle and keep answering (spec §2.2.10, §2.3.8). */
    @Test
    void C124_everyCallOnAnOldHandleFailsOnceTheServiceIsDeactivated() {
        TestOrigin.Resource r = origin.put("/f", TestContent.bytes(1240, 10 * CHUNK));
        r.gate = new Semaphore(1);
        BackgroundCopyQMgr qmgr = fixture.client();
        BackgroundCopyGroup group = groupWith("/f");
        BackgroundCopyJob job = onlyJob(group);
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == CHUNK);

        fixture.engine.deactivate();

        List<ThrowingCallable> calls = List.of(
                () -> qmgr.createGroup(UUID.randomUUID()), () -> qmgr.getGroup(group.getGroupId()),
                qmgr::enumGroups, () -> qmgr.enumGroups(0), () -> qmgr.getGroupInfo(group.getGroupId()),
                group::getStatus, () -> group.getProgress(ProgressType.SIZE_DONE), () -> group.getProgressRaw(1),
                group::getSize, group::getSizeRaw, () -> group.getProp(GroupProp.PRIORITY), () -> group.getProp(11),
                () -> group.setDisplayName("x"), group::getDisplayName, group::getNotifyFlagsMask,
                () -> group.setNotifyFlagsMask(0), group::getInfo, group::resume, group::suspend, group::cancel,
                group::switchToForeground, () -> group.createJob(UUID.randomUUID()),
                () -> group.getJob(job.getJobId()), group::enumJobs, () -> group.enumJobs(1),
                () -> group.queryNewJobInterface(BitsJobView.class), () -> group.setNotificationCallback(null),
                group::getBackgroundPriority, job::getStatus, job::getFileCount, () -> job.getFile(0),
                () -> job.getFileInfo(0), () -> job.addFile(origin.url("/g"), dir.resolve("g").toString()),
                () -> job.getProgress(ProgressType.PERCENT_DONE), () -> job.getProgressRaw(3), job::cancelJob,
                job::switchToForeground);
        for (ThrowingCallable call : calls) {
            assertHresult(call, QM_E_SERVICE_UNAVAILABLE);
        }
        assertThat(group.getGroupId()).isNotNull();
        assertThat(job.getJobId()).isNotNull();
        r.gate.release(100);
    }

    @Test
    void C125_resumeWithoutATransportIsDownloaderUnavailable() {
        origin.put("/f", TestContent.bytes(1250, 100));
        try (EngineFixture bare = EngineFixture.withoutTransport(EngineFixture.settings().build())) {
            BackgroundCopyGroup group = bare.client().createGroup(UUID.randomUUID());
            BackgroundCopyJob job = group.createJob(UUID.randomUUID());
            job.addFile(origin.url("/f"), dir.resolve("f").toString());

            assertHresult(group::resume, QM_E_DOWNLOADER_UNAVAILABLE);

            assertThat(group.getStatus().raw()).isEqualTo(0x180);
            assertThat(job.getStatus().raw()).isEqualTo(0x08);
            assertThat(origin.log()).isEmpty();
        }
    }

    /**
     * 16 threads for 2.5 s (the checklist says 10 s; shortened to keep the build fast) on a download that the
     * origin paces, so that it is still running while the verbs race.
     */
    @Test
    void C126_concurrentVerbsOnlyEverShowTableStatusesAndEndConsistently() throws Exception {
        byte[] body = TestContent.bytes(1260, 256 * CHUNK);
        TestOrigin.Resource r = origin.put("/f", body);
        PacedGate gate = new PacedGate();
        r.gate = gate;
        BackgroundCopyGroup group = groupWith("/f");
        group.resume();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean invalidStateSeen = new AtomicBoolean();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                awaitQuietly(go);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    try {
                        switch (random.nextInt(4)) {
                            case 0 -> group.suspend();
                            case 1 -> group.resume();
                            case 2 -> group.switchToForeground();
                            default -> seen.add(group.getStatus().raw());
                        }
                    } catch (QmgrException e) {
                        if (e.hresult() == QM_E_INVALID_STATE) {
                            invalidStateSeen.set(true);
                        } else {
                            unexpected.add(e);
                        }
                    } catch (RuntimeException | Error e) {
                        unexpected.add(e);
                    }
                }
            }, "c126-" + t);
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
            assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
        }

        assertThat(unexpected).isEmpty();
        assertThat(seen).isNotEmpty().isSubsetOf(STATUS_TABLE);
        int end = group.getStatus().raw() & ~0x400;
        if (invalidStateSeen.get()) {
            assertThat(end).as("resume only fails once the group is complete").isEqualTo(0x140);
        }
        if (end == 0x180) {
            long held = group.getProgress(ProgressType.SIZE_DONE);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() ->
                    (group.getStatus().raw() & ~0x400) == 0x180 && group.getProgress(ProgressType.SIZE_DONE) == held);
        }
        gate.open = true;
        if (end != 0x140) {
            group.resume();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> (group.getStatus().raw() & ~0x400) == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(body);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("f");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertHresult(ThrowingCallable call, int hresult) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).as("HRESULT 0x%08X", e.hresult()).isEqualTo(hresult));
    }

    /**
     * A gate for {@link TestOrigin.Resource#gate} that never stalls a request: each chunk waits a few
     * milliseconds (a slow link) until {@link #open} is set, so aborted requests never pile up on the origin.
     */
    private static final class PacedGate extends Semaphore {
        private static final long serialVersionUID = 1L;
        volatile boolean open;

        PacedGate() {
            super(0);
        }

        @Override
        public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
            if (!open) {
                super.tryAcquire(4, TimeUnit.MILLISECONDS);
            }
            return true;
        }
    }
}
