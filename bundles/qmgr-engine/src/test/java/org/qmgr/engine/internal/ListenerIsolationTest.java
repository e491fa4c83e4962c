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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.callbacks.internal.CallbackDispatcher;
import org.qmgr.callbacks.internal.CallbacksConfig;

/**
 * Issue 6, acceptance 3: one listener that blocks for 60 s and another that throws on every call do not delay a
 * third listener of the same owner: it receives each of its notifications within 200 ms of the event. Real
 * engine, Jetty transport and callback dispatcher; the third group's files are released one at a time, so its
 * events are spread over the test while the other two listeners are blocked and failing.
 */
class ListenerIsolationTest {

    private static final long BOUND_MILLIS = 200;
    private static final int FILES = 12;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TestOrigin origin;
    private EngineFixture fixture;
    private CallbackDispatcher dispatcher;
    private BackgroundCopyQMgr qmgr;
    private final CountDownLatch unblock = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        origin = new TestOrigin();
        fixture = new EngineFixture();
        // Redelivery every second: the throwing listener is called again and again during the test.
        dispatcher = new CallbackDispatcher(Configs.of(CallbacksConfig.class,
                Map.of("notificationRetrySeconds", 1, "maxNotificationRetrySeconds", 1)));
        fixture.engine.bindSink(dispatcher);
        qmgr = fixture.client("bundle:one-owner", false);
    }

    @AfterEach
    void stop() throws Exception {
        unblock.countDown();
        dispatcher.deactivate();
        fixture.close();
        origin.close();
    }

    @Test
    void aBlockedAndAThrowingListenerDoNotDelayAThirdOneBeyond200Milliseconds() throws Exception {
        int flags = NotifyFlag.FILE_DONE.value() | NotifyFlag.GROUP_DONE.value();
        AtomicInteger blockedCalls = new AtomicInteger();
        BackgroundCopyCallback blocking = n -> {
            blockedCalls.incrementAndGet();
            unblock.await(60, TimeUnit.SECONDS);
        };
        AtomicInteger thrown = new AtomicInteger();
        BackgroundCopyCallback throwing = n -> {
            thrown.incrementAndGet();
            throw new IllegalStateException("this listener always fails");
        };
        List<long[]> delays = new CopyOnWriteArrayList<>(); // {fileIndex, event time, received time}
        BackgroundCopyCallback third = n -> delays.add(new long[] {n.fileIndex(), n.timeMillis(),
                System.currentTimeMillis()});

        BackgroundCopyGroup blocked = group(blocking, flags, "/a", 3);
        BackgroundCopyGroup failing = group(throwing, flags, "/b", 3);
        blocked.resume();
        failing.resume();
        await().atMost(WAIT).until(() -> blockedCalls.get() == 1 && thrown.get() >= 2);

        List<Semaphore> gates = new ArrayList<>();
        BackgroundCopyGroup measured = group(third, flags, "/c", FILES);
        for (int i = 0; i < FILES; i++) {
            gates.add(origin.put("/c" + i, TestContent.bytes(10 + i, 4096)).gate = new Semaphore(0));
        }
        measured.resume();
        for (int i = 0; i < FILES; i++) {
            gates.get(i).release(1000);
            int received = i + 1;
            await().atMost(WAIT).until(() -> delays.size() >= received);
        }
        await().atMost(WAIT).until(() -> delays.size() == FILES + 1);

        assertThat(delays).extracting(d -> d[0]).containsExactlyElementsOf(expectedIndexes());
        for (long[] d : delays) {
            assertThat(d[1]).as("event time of file %d", d[0]).isPositive();
            assertThat(d[2] - d[1]).as("delay of the notification of file %d (ms)", d[0])
                    .isBetween(0L, BOUND_MILLIS);
        }
        // The other two really were blocked and failing throughout.
        assertThat(blockedCalls).hasValue(1);
        assertThat(thrown.get()).isGreaterThan(2);
        assertThat(dispatcherRuntime().inFlight).isEqualTo(1);
    }

    private org.qmgr.api.dto.CallbackRuntimeDTO dispatcherRuntime() {
        org.qmgr.api.dto.CallbackRuntimeDTO dto = new org.qmgr.api.dto.CallbackRuntimeDTO();
        dispatcher.describe(dto);
        return dto;
    }

    private static List<Long> expectedIndexes() {
        List<Long> indexes = new ArrayList<>();
        for (long i = 0; i < FILES; i++) {
            indexes.add(i);
        }
        indexes.add(-1L);
        return indexes;
    }

    private BackgroundCopyGroup group(BackgroundCopyCallback callback, int flags, String prefix, int files) {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.setNotifyFlagsMask(flags);
        group.setNotificationCallback(callback);
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        List<FileSetInfo> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            if (!prefix.equals("/c")) {
                origin.put(prefix + i, TestContent.bytes(i + 1, 2048));
            }
            list.add(new FileSetInfo(origin.url(prefix + i), dir.resolve(UUID.randomUUID() + ".bin").toString()));
        }
        job.addFiles(list);
        return group;
    }
}
