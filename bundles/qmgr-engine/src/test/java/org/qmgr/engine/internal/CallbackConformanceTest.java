package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.api.callback.ProgressNotification;
import org.qmgr.api.callback.StatusNotification;
import org.qmgr.callbacks.internal.CallbackDispatcher;
import org.qmgr.callbacks.internal.CallbacksConfig;

/** Spec §5 callbacks (C100–C112, with P6) through the real engine, transport and callback dispatcher. */
class CallbackConformanceTest {

    private static final Duration QUIET = Duration.ofMillis(700);

    @TempDir
    Path dir;
    private TestOrigin origin;
    private EngineFixture fixture;
    private CallbackDispatcher dispatcher;
    private final UUID clsid = UUID.randomUUID();
    private BackgroundCopyQMgr qmgr;

    @BeforeEach
    void start() throws Exception {
        origin = new TestOrigin();
        fixture = new EngineFixture();
        dispatcher = new CallbackDispatcher(Configs.of(CallbacksConfig.class,
                Map.of("notificationRetrySeconds", 1, "maxNotificationRetrySeconds", 1)));
        fixture.engine.bindSink(dispatcher);
        qmgr = fixture.client("bundle:listener", false, id -> id.equals(clsid));
        origin.put("/ok", TestContent.bytes(1, 1000));
        origin.put("/ok2", TestContent.bytes(2, 1000));
    }

    @AfterEach
    void stop() throws Exception {
        dispatcher.deactivate();
        fixture.close();
        origin.close();
    }

    @Test
    void C100_fatalErrorCallsOnStatusOnceWithTheFailingFile() {
        Recorder recorder = new Recorder();
        BackgroundCopyGroup group = group(recorder, 0, "/ok", "/missing", "/ok2");

        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.calls.size() == 1);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> recorder.calls.size() == 1);
        StatusNotification n = recorder.calls.get(0);
        assertThat(n.isError()).isTrue();
        assertThat(n.status()).isEqualTo(0x380);
        assertThat(n.job()).isEqualTo(group.getJob(group.enumJobs().next(1).get(0)));
        assertThat(n.fileIndex()).isEqualTo(1);
        assertThat(n.transportResult()).isEqualTo(404);
        assertThat(n.win32Result()).isZero();
    }

    @Test
    void C101_successWithoutFlagsCallsNothing() {
        Recorder recorder = new Recorder();
        BackgroundCopyGroup group = group(recorder, 0, "/ok");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> recorder.calls.isEmpty());
    }

    @Test
    void C102_groupDoneCallsOnStatusOnceWithTheCompleteWord() {
        Recorder recorder = new Recorder();
        BackgroundCopyGroup group = group(recorder, NotifyFlag.GROUP_DONE.value(), "/ok");
        group.switchToForeground();
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.calls.size() == 1);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> recorder.calls.size() == 1);
        StatusNotification n = recorder.calls.get(0);
        assertThat(n.status()).isEqualTo(0x540);
        assertThat(n.isError()).isFalse();
        assertThat(n.fileIndex()).isEqualTo(-1);
        assertThat(n.job()).isNotNull();
        assertThat(List.of(n.numOfRetries(), n.win32Result(), n.transportResult())).containsOnly(0);
    }

    @Test
    void C103_disableNotifySilencesCompletionAndErrors() {
        Recorder recorder = new Recorder();
        int flags = NotifyFlag.GROUP_DONE.value() | NotifyFlag.DISABLE_NOTIFY.value();
        BackgroundCopyGroup ok = group(recorder, flags, "/ok");
        BackgroundCopyGroup failing = group(recorder, flags, "/missing");
        ok.resume();
        failing.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ok.getStatus().raw() == 0x140 && failing.getStatus().raw() == 0x380);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> recorder.calls.isEmpty());
    }

    @Test
    void C104_fileAndJobDoneFlagsReportEachFileAndTheJobInOrderAndProgressIsNeverCalled() {
        // P6: FILE_DONE and JOB_DONE work (the QMGR original ignored them); progress needs thresholds (P5).
        Recorder recorder = new Recorder();
        int flags = NotifyFlag.FILE_DONE.value() | NotifyFlag.JOB_DONE.value() | NotifyFlag.USE_PROGRESSEX.value();
        BackgroundCopyGroup group = group(recorder, flags, "/ok", "/ok2", "/ok");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.calls.size() == 4);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> recorder.calls.size() == 4);
        assertThat(recorder.calls).extracting(StatusNotification::fileIndex).containsExactly(0, 1, 2, -1);
        assertThat(recorder.progressCalls).hasValue(0);
    }

    @Test
    void C105_transientErrorsCallNothing() {
        Recorder recorder = new Recorder();
        origin.put("/flaky", TestContent.bytes(3, 500)).failNext(503);
        BackgroundCopyGroup group = group(recorder, 0, "/flaky");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> recorder.calls.isEmpty());
        assertThat(origin.gets("/flaky")).hasSize(2);
    }

    @Test
    void C106_aFailingCallbackGetsTheSameArgumentsUntilItSucceeds() {
        Recorder recorder = new Recorder();
        recorder.failFirst.set(2);
        BackgroundCopyGroup group = group(recorder, 0, "/missing");
        group.resume();
        await().atMost(Duration.ofSeconds(15)).until(() -> recorder.calls.size() == 3);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> recorder.calls.size() == 3);
        assertThat(recorder.calls).extracting(StatusNotification::status, StatusNotification::fileIndex,
                StatusNotification::transportResult).containsOnly(org.assertj.core.groups.Tuple.tuple(0x380, 0, 404));
    }

    @Test
    void C107_cancelStopsRedelivery() {
        Recorder recorder = new Recorder();
        recorder.failFirst.set(1000);
        BackgroundCopyGroup group = group(recorder, 0, "/missing");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.calls.size() >= 1);
        group.cancel();
        int seen = recorder.calls.size();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> recorder.calls.size() <= seen + 1);
    }

    @Test
    void C108_aCallbackMayReadStatusAndCancelItsGroup() {
        List<Integer> statusSeen = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        BackgroundCopyCallback cancelling = n -> {
            try {
                statusSeen.add(n.group().getStatus().raw());
                n.group().cancel();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        };
        BackgroundCopyGroup group = group(cancelling, NotifyFlag.GROUP_DONE.value(), "/ok");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> !statusSeen.isEmpty() && qmgr.enumGroups().getCount() == 0);
        assertThat(statusSeen).containsExactly(0x140);
        assertThat(errors).isEmpty();
    }

    @Test
    void C109_aClassIdProviderGetsEventsAndPendingOnesReachItsNewInstance() {
        Recorder first = new Recorder();
        Map<String, Object> props = Map.of(BackgroundCopyCallback.CLSID_PROPERTY, "{" + clsid + "}",
                Constants.SERVICE_ID, 1L);
        dispatcher.bindProvider(first, props);
        BackgroundCopyGroup ok = group(null, NotifyFlag.GROUP_DONE.value(), "/ok");
        ok.setNotifyClsid(clsid);
        ok.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.calls.size() == 1);

        dispatcher.unbindProvider(first);
        BackgroundCopyGroup failing = group(null, 0, "/missing");
        failing.setNotifyClsid(clsid);
        failing.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> failing.getStatus().raw() == 0x380);
        Recorder second = new Recorder();
        dispatcher.bindProvider(second, Map.of(BackgroundCopyCallback.CLSID_PROPERTY, clsid.toString(),
                Constants.SERVICE_ID, 2L));

        await().atMost(Duration.ofSeconds(10)).until(() -> second.calls.size() == 1);
        assertThat(second.calls.get(0).group()).isEqualTo(failing);
        assertThat(first.calls).hasSize(1);
    }

    @Test
    void C110_aDirectObjectWinsOverTheClassIdProviderUntilItIsUnbound() {
        Recorder provider = new Recorder();
        dispatcher.bindProvider(provider, Map.of(BackgroundCopyCallback.CLSID_PROPERTY, clsid.toString(),
                Constants.SERVICE_ID, 3L));
        Recorder direct = new Recorder();
        BackgroundCopyGroup group = group(direct, NotifyFlag.FILE_DONE.value(), "/ok", "/ok2");
        group.setNotifyClsid(clsid);
        TestOrigin.Resource second = origin.put("/ok2", TestContent.bytes(2, 1000));
        second.gate = new java.util.concurrent.Semaphore(0);
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> direct.calls.size() == 1);
        assertThat(provider.calls).isEmpty();

        group.setNotificationCallback(null);
        second.gate.release(100);

        await().atMost(Duration.ofSeconds(10)).until(() -> provider.calls.size() == 1);
        assertThat(provider.calls.get(0).fileIndex()).isEqualTo(1);
        assertThat(direct.calls).hasSize(1);
    }

    @Test
    void C111_atMostFourCallbacksRunAtOnceForOneOwner() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        BackgroundCopyCallback slow = n -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } finally {
                running.decrementAndGet();
                finished.incrementAndGet();
            }
        };
        List<BackgroundCopyGroup> groups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            BackgroundCopyGroup g = group(slow, NotifyFlag.GROUP_DONE.value(), "/ok");
            g.switchToForeground();
            groups.add(g);
        }
        groups.forEach(BackgroundCopyGroup::resume);

        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 4);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> running.get() == 4);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() == 6);
        assertThat(peak).hasValue(4);
    }

    @Test
    void C112_onStatusNeverRunsOnTheCallingThread() {
        Recorder recorder = new Recorder();
        BackgroundCopyGroup group = group(recorder, NotifyFlag.GROUP_DONE.value(), "/ok");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.calls.size() == 1);
        assertThat(recorder.threads).allSatisfy(t -> assertThat(t).isNotSameAs(Thread.currentThread())
                .satisfies(x -> assertThat(x.getName()).startsWith("qmgr-callback")));
    }

    /** A group of the listener identity with one job holding the given origin paths, bound to {@code callback}. */
    private BackgroundCopyGroup group(BackgroundCopyCallback callback, int flags, String... paths) {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.setNotifyFlagsMask(flags);
        if (callback != null) {
            group.setNotificationCallback(callback);
        }
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        List<FileSetInfo> files = new ArrayList<>();
        for (String p : paths) {
            files.add(new FileSetInfo(origin.url(p), dir.resolve(UUID.randomUUID() + ".bin").toString()));
        }
        job.addFiles(files);
        return group;
    }

    /** Records status calls; can fail its first N calls. */
    private static final class Recorder implements BackgroundCopyCallback {
        final List<StatusNotification> calls = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final AtomicInteger failFirst = new AtomicInteger();
        final AtomicInteger progressCalls = new AtomicInteger();

        @Override
        public void onStatus(StatusNotification n) {
            calls.add(n);
            threads.add(Thread.currentThread());
            if (failFirst.getAndDecrement() > 0) {
                throw new IllegalStateException("listener failure " + calls.size());
            }
        }

        @Override
        public void onProgress(ProgressNotification n) {
            progressCalls.incrementAndGet();
        }

        @Override
        public void onProgressEx(ProgressNotification n, byte[] payload) {
            progressCalls.incrementAndGet();
        }
    }
}
