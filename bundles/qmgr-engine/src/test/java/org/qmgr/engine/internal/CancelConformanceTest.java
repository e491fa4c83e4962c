package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.GroupProp;
import org.qmgr.api.HResults;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrException;
import org.qmgr.api.Variant;
import org.qmgr.spi.notify.QueueEvent;

/** Checklist C90–C94 (spec §8 "Cancel", §2.2.8; C92 as changed by P2: job verbs exist). */
class CancelConformanceTest extends EngineTestSupport {

    private static final int CHUNK = TestOrigin.CHUNK;
    /** Events a cancel must never cause: they are what OnStatus is made of (spec §5.2). */
    private static final Set<QueueEvent.Type> STATUS_EVENTS = Set.of(QueueEvent.Type.GROUP_ERROR,
            QueueEvent.Type.GROUP_COMPLETED, QueueEvent.Type.JOB_COMPLETED, QueueEvent.Type.FILE_COMMITTED);

    private final List<QueueEvent> events = new CopyOnWriteArrayList<>();

    private void engine(EngineSettings settings) {
        useSettings(settings);
        engine();
    }

    /** Listens to the engine's events (the base's engine has the default test settings). */
    private void engine() {
        fixture.engine.bindSink((event, view) -> events.add(event));
    }

    private BackgroundCopyGroup group(String... paths) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFiles(Stream.of(paths).map(p -> new FileSetInfo(origin.url(p), dir.resolve(p.substring(1)).toString()))
                .toList());
        return group;
    }

    private static void assertInvalidState(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResults.QM_E_INVALID_STATE));
    }

    private List<String> dirNames() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void C90_cancelWhileRunningStopsDeletesTheTempFileKeepsCommittedFiles() throws Exception {
        engine();
        byte[] first = TestContent.bytes(900, 9000);
        origin.put("/a", first);
        TestOrigin.Resource slow = origin.put("/b", TestContent.bytes(901, 40 * CHUNK));
        Semaphore gate = new Semaphore(3);
        slow.gate = gate;
        BackgroundCopyGroup group = group("/a", "/b");
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == first.length + 3L * CHUNK);
        assertThat(dirNames()).hasSize(2).contains("a").anyMatch(n -> n.startsWith("BIT") && n.endsWith(".tmp"));

        long started = System.nanoTime();
        group.cancel();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        gate.release(1000);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> dirNames().equals(List.of("a")));
        assertThat(Files.readAllBytes(dir.resolve("a"))).isEqualTo(first);
        assertThat(fixture.client().enumGroups().getCount()).isZero();
        assertThatThrownBy(() -> fixture.client().getGroup(group.getGroupId()))
                .isInstanceOfSatisfying(QmgrException.class,
                        e -> assertThat(e.hresult()).isEqualTo(HResults.QM_E_ITEM_NOT_FOUND));
    }

    @Test
    void C91_aCancelledGroupHandleFailsWithInvalidStateButKeepsItsId() {
        engine();
        origin.put("/x", TestContent.bytes(91, 1000));
        BackgroundCopyGroup group = group("/x");
        UUID id = group.getGroupId();
        group.cancel();

        assertInvalidState(group::getStatus);
        assertInvalidState(() -> group.getProgress(ProgressType.SIZE_DONE));
        assertInvalidState(group::getSize);
        assertInvalidState(() -> group.setProp(GroupProp.DISPLAYNAME, Variant.bstr("x")));
        assertInvalidState(group::resume);
        assertInvalidState(group::suspend);
        assertInvalidState(() -> group.createJob(UUID.randomUUID()));
        assertInvalidState(group::enumJobs);
        assertInvalidState(group::switchToForeground);
        assertInvalidState(group::cancel);
        assertThat(group.getGroupId()).isEqualTo(id);
    }

    /** P2 makes {@code cancelJob} and job {@code switchToForeground} real verbs: here they fail like the rest. */
    @Test
    void C92_aJobHandleOfACancelledGroupFailsWithInvalidStateButKeepsItsId() {
        engine();
        origin.put("/x", TestContent.bytes(92, 1000));
        BackgroundCopyGroup group = group("/x");
        UUID jobId = group.enumJobs().next(1).get(0);
        BackgroundCopyJob job = group.getJob(jobId);
        group.cancel();

        assertInvalidState(job::getStatus);
        assertInvalidState(job::getFileCount);
        assertInvalidState(() -> job.getFile(0));
        assertInvalidState(() -> job.addFile(origin.url("/x"), dir.resolve("y").toString()));
        assertInvalidState(job::cancelJob);
        assertInvalidState(job::switchToForeground);
        assertThat(job.getJobId()).isEqualTo(jobId);
    }

    @Test
    void C93_cancelOfACompleteGroupKeepsEveryDownloadedFile() throws Exception {
        engine();
        byte[] a = TestContent.bytes(930, 5000);
        byte[] b = TestContent.bytes(931, 3 * CHUNK + 17);
        origin.put("/a", a);
        origin.put("/b", b);
        BackgroundCopyGroup group = group("/a", "/b");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);

        group.cancel();

        assertThat(fixture.client().enumGroups().getCount()).isZero();
        assertThat(dirNames()).containsExactly("a", "b");
        assertThat(Files.readAllBytes(dir.resolve("a"))).isEqualTo(a);
        assertThat(Files.readAllBytes(dir.resolve("b"))).isEqualTo(b);
    }

    /**
     * Cancel in every kind of state, including a transfer that could otherwise finish and a retry timer that
     * would otherwise declare an error one second later: no status event follows for any of them.
     */
    @Test
    void C94_cancelNeverProducesAnOnStatus() {
        engine(EngineFixture.settings().noProgressTimeout(Duration.ofSeconds(1)).build());
        origin.put("/done", TestContent.bytes(940, 1000));
        TestOrigin.Resource running = origin.put("/running", TestContent.bytes(941, 20 * CHUNK));
        Semaphore gate = new Semaphore(2);
        running.gate = gate;
        origin.put("/failing", TestContent.bytes(942, 1000)).failAlways(503);
        origin.put("/idle", TestContent.bytes(943, 1000));

        BackgroundCopyGroup complete = group("/done");
        complete.switchToForeground();
        complete.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> complete.getStatus().raw() == 0x540);
        BackgroundCopyGroup transferring = group("/running");
        transferring.switchToForeground();
        transferring.resume();
        BackgroundCopyGroup suspended = group("/idle");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> transferring.getProgress(ProgressType.SIZE_DONE) == 2L * CHUNK);
        BackgroundCopyGroup retrying = group("/failing");
        retrying.switchToForeground();
        retrying.resume();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> "RETRY_WAIT".equals(retrying.getInfo().state));
        int before = events.size();

        for (BackgroundCopyGroup g : List.of(retrying, transferring, complete, suspended)) {
            g.cancel();
        }
        gate.release(1000);

        Set<UUID> cancelled = Set.of(complete.getGroupId(), transferring.getGroupId(), retrying.getGroupId(),
                suspended.getGroupId());
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> events.subList(before, events.size()).stream()
                        .noneMatch(e -> cancelled.contains(e.groupId()) && STATUS_EVENTS.contains(e.type())));
        assertThat(events.subList(before, events.size())).filteredOn(e -> e.type() == QueueEvent.Type.GROUP_CANCELLED)
                .hasSize(4);
    }
}
