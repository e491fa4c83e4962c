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
import org.qmgr.api.callback.StatusNotification;
import org.qmgr.callbacks.internal.CallbackDispatcher;
import org.qmgr.callbacks.internal.CallbacksConfig;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.StoreTransaction;
import org.qmgr.store.memory.internal.MemoryQueueStore;

/**
 * Stored notifications (the outbox): written with the change that caused them, removed once delivered or
 * dropped, delivered after an engine and dispatcher restart with exactly the same arguments. Real engine, memory
 * store (it outlives the restart; {@link DurableNotificationH2Test} runs the same on embedded H2), Jetty transport
 * and callback dispatcher.
 */
class DurableNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(700);

    @TempDir
    Path dir;
    @TempDir
    Path storeDir;
    private TestOrigin origin;
    private EngineFixture fixture;
    private final List<CallbackDispatcher> dispatchers = new ArrayList<>();
    private final UUID clsid = UUID.randomUUID();
    private final CountDownLatch unblock = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        origin = new TestOrigin();
        fixture = new EngineFixture(EngineFixture.settings(Duration.ofSeconds(1), Duration.ofSeconds(5)), newStore());
        origin.put("/ok", TestContent.bytes(1, 1000));
        origin.put("/ok2", TestContent.bytes(2, 1000));
    }

    @AfterEach
    void stop() throws Exception {
        unblock.countDown();
        dispatchers.forEach(CallbackDispatcher::deactivate);
        fixture.close();
        origin.close();
    }

    @Test
    void aCompletionDueWhenEverythingStopsIsDeliveredAfterTheRestartWithTheSameArguments() {
        Recorder blocking = new Recorder();
        blocking.block = true;
        CallbackDispatcher first = dispatcher(blocking);
        BackgroundCopyGroup group = group(client(), NotifyFlag.GROUP_DONE.value(), "/ok");
        group.resume();
        await().atMost(WAIT).until(() -> blocking.calls.size() == 1);
        StatusNotification before = blocking.calls.get(0);
        assertThat(stored()).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(QueueEvent.Type.GROUP_COMPLETED);
            assertThat(n.sequence()).isPositive();
            assertThat(n.status()).isEqualTo(0x140);
        });

        // The listener never returned: stop the dispatcher and the engine (a JVM stop), start both afresh.
        first.deactivate();
        fixture.restart();
        Recorder after = new Recorder();
        dispatcher(after);

        await().atMost(WAIT).until(() -> after.calls.size() == 1);
        StatusNotification again = after.calls.get(0);
        assertThat(again.group().getGroupId()).isEqualTo(before.group().getGroupId());
        assertThat(again.job().getJobId()).isEqualTo(before.job().getJobId());
        assertThat(List.of(again.fileIndex(), again.status(), again.numOfRetries(), again.win32Result(),
                again.transportResult())).containsExactly(-1, 0x140, 0, 0, 0);
        assertThat(again.timeMillis()).isPositive().isEqualTo(before.timeMillis());
        await().atMost(WAIT).until(() -> stored().isEmpty());
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> after.calls.size() == 1);
    }

    @Test
    void aStoredNotificationHandedOverTwiceIsDeliveredOnce() {
        BackgroundCopyGroup group = group(client(), NotifyFlag.GROUP_DONE.value(), "/ok");
        group.resume();
        // No listener at all: the notification waits in the store.
        await().atMost(WAIT).until(() -> stored().size() == 1 && group.getStatus().raw() == 0x140);

        fixture.restart();
        Recorder recorder = new Recorder();
        CallbackDispatcher dispatcher = dispatcher(recorder);
        fixture.engine.core().handOverStored(dispatcher);
        fixture.engine.core().handOverStored(dispatcher);

        await().atMost(WAIT).until(() -> recorder.calls.size() == 1);
        await().atMost(WAIT).until(() -> stored().isEmpty());
        fixture.engine.core().handOverStored(dispatcher);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> recorder.calls.size() == 1);
    }

    @Test
    void fileAndJobNotificationsAreStoredWithTheirCommitsAndAllAcknowledged() {
        Recorder recorder = new Recorder();
        dispatcher(recorder);
        String[] paths = new String[40];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = i % 2 == 0 ? "/ok" : "/ok2";
        }
        int flags = NotifyFlag.FILE_DONE.value() | NotifyFlag.JOB_DONE.value() | NotifyFlag.GROUP_DONE.value();
        BackgroundCopyGroup group = group(client(), flags, paths);
        group.resume();

        await().atMost(WAIT).until(() -> recorder.calls.size() == 42);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(i);
        }
        expected.add(-1);
        expected.add(-1);
        assertThat(recorder.calls).extracting(StatusNotification::fileIndex).containsExactlyElementsOf(expected);
        assertThat(recorder.calls.get(40).status()).isEqualTo(0x80); // INCOMPLETE: the job completes while the group transfers
        assertThat(recorder.calls.get(41).status()).isEqualTo(0x140);
        await().atMost(WAIT).until(() -> stored().isEmpty());
    }

    @Test
    void anErrorSupersededByTheCompletionIsRemovedFromTheStore() {
        Recorder failing = new Recorder();
        failing.failFirst = Integer.MAX_VALUE;
        dispatcher(failing);
        BackgroundCopyGroup group = group(client(), NotifyFlag.GROUP_DONE.value(), "/late");
        group.resume();
        await().atMost(WAIT).until(() -> !failing.calls.isEmpty());
        assertThat(stored()).extracting(QueueEvent::type).containsExactly(QueueEvent.Type.GROUP_ERROR);

        origin.put("/late", TestContent.bytes(3, 1000));
        group.resume();

        await().atMost(WAIT).until(() -> failing.calls.stream().anyMatch(n -> !n.isError()));
        await().atMost(WAIT).until(() -> stored().stream().map(QueueEvent::type).toList()
                .equals(List.of(QueueEvent.Type.GROUP_COMPLETED)));
        failing.failFirst = 0;
        await().atMost(WAIT).until(() -> stored().isEmpty());
    }

    @Test
    void disablingNotificationsDropsTheStoredOnes() {
        Recorder failing = new Recorder();
        failing.failFirst = Integer.MAX_VALUE;
        dispatcher(failing);
        BackgroundCopyGroup group = group(client(), 0, "/missing");
        group.resume();
        await().atMost(WAIT).until(() -> !failing.calls.isEmpty() && stored().size() == 1);

        group.setNotifyFlagsMask(NotifyFlag.DISABLE_NOTIFY.value());

        await().atMost(WAIT).until(() -> stored().isEmpty());
        int seen = failing.calls.size();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> failing.calls.size() == seen);
    }

    @Test
    void cancelDeletesTheGroupsStoredNotifications() {
        BackgroundCopyGroup pending = group(client(), 0, "/missing");
        BackgroundCopyGroup other = group(client(), 0, "/missing");
        pending.resume();
        other.resume();
        await().atMost(WAIT).until(() -> stored().size() == 2);

        UUID otherId = other.getGroupId();
        pending.cancel();

        assertThat(stored()).extracting(QueueEvent::groupId).containsExactly(otherId);
    }

    /** @return the store the engine runs on; it outlives the engine's restarts */
    QueueStore newStore() {
        return new MemoryQueueStore();
    }

    private List<QueueEvent> stored() {
        return fixture.store.read(StoreTransaction::notifications);
    }

    private BackgroundCopyQMgr client() {
        return fixture.client("bundle:listener", false, id -> id.equals(clsid));
    }

    /** A dispatcher bound to the current engine, with {@code listener} as the class id's provider. */
    private CallbackDispatcher dispatcher(BackgroundCopyCallback listener) {
        CallbackDispatcher d = new CallbackDispatcher(Configs.of(CallbacksConfig.class,
                Map.of("notificationRetrySeconds", 1, "maxNotificationRetrySeconds", 1)));
        d.bindProvider(listener, Map.of(BackgroundCopyCallback.CLSID_PROPERTY, clsid.toString(),
                Constants.SERVICE_ID, (long) dispatchers.size() + 1));
        fixture.engine.bindSink(d);
        dispatchers.add(d);
        return d;
    }

    private BackgroundCopyGroup group(BackgroundCopyQMgr qmgr, int flags, String... paths) {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.setNotifyFlagsMask(flags);
        group.setNotifyClsid(clsid);
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        List<FileSetInfo> files = new ArrayList<>();
        for (String p : paths) {
            files.add(new FileSetInfo(origin.url(p), dir.resolve(UUID.randomUUID() + ".bin").toString()));
        }
        job.addFiles(files);
        return group;
    }

    /** Records status calls; can fail its first N calls, or block (until the test ends) instead of returning. */
    private final class Recorder implements BackgroundCopyCallback {
        final List<StatusNotification> calls = new CopyOnWriteArrayList<>();
        volatile int failFirst;
        volatile boolean block;

        @Override
        public void onStatus(StatusNotification n) throws Exception {
            calls.add(n);
            if (block) {
                unblock.await(60, TimeUnit.SECONDS);
                throw new IllegalStateException("the stopped dispatcher's call ends without success");
            }
            if (failFirst-- > 0) {
                throw new IllegalStateException("listener failure " + calls.size());
            }
        }
    }
}
