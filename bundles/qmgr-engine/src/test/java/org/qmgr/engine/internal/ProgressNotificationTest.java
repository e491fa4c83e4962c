package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.GroupProp;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.ProgressType;
import org.qmgr.api.Variant;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.api.callback.ProgressNotification;
import org.qmgr.api.callback.StatusNotification;
import org.qmgr.callbacks.internal.CallbackDispatcher;
import org.qmgr.callbacks.internal.CallbacksConfig;

/**
 * Spec P5/P6 end to end: progress thresholds reach the group's listener through the callback dispatcher, as
 * {@code onProgress}, or {@code onProgressEx} with the documented 24-byte little-endian payload when
 * {@code USE_PROGRESSEX} is set; {@code DISABLE_NOTIFY} silences them; thresholds off (the default) call nothing.
 * Each download is 2 MiB held to 1 MiB/s by the background cap.
 */
class ProgressNotificationTest extends EngineTestSupport {

    private static final long KIB = 1024;
    private static final int BODY = (int) (2048 * KIB);
    private static final Duration DOWNLOAD = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(700);

    private CallbackDispatcher dispatcher;

    private void engine() {
        useSettings(EngineFixture.settings().with("backgroundMaxBytesPerSecond", 1024 * KIB)
                .with("minProgressIntervalMs", 50L).with("progressEventIntervalMs", 0L).build());
        dispatcher = new CallbackDispatcher(Configs.of(CallbacksConfig.class, Map.of()));
        fixture.engine.bindSink(dispatcher);
        origin.put("/big", TestContent.bytes(71, BODY));
    }

    @AfterEach
    void stopDispatcher() {
        if (dispatcher != null) {
            dispatcher.deactivate();
        }
    }

    @Test
    void aSizeThresholdCallsOnProgressWithTheBytesDone() {
        engine();
        Listener listener = new Listener();
        BackgroundCopyGroup group = download(listener, NotifyFlag.GROUP_DONE.value(), 256 * KIB);

        assertThat(listener.progress).hasSizeGreaterThanOrEqualTo(4);
        assertThat(listener.payloads).isEmpty();
        long previous = 0;
        for (ProgressNotification n : listener.progress) {
            assertThat(n.type()).isEqualTo(ProgressType.SIZE_DONE);
            assertThat(n.group()).isEqualTo(group);
            assertThat(n.job()).isEqualTo(onlyJob(group));
            assertThat(n.fileIndex()).isZero();
            assertThat(Integer.toUnsignedLong(n.progressValue())).isGreaterThanOrEqualTo(previous + 256 * KIB)
                    .isLessThanOrEqualTo(BODY);
            assertThat(n.timeMillis()).isPositive();
            previous = Integer.toUnsignedLong(n.progressValue());
        }
        // Progress and status share the group's order: the completion comes after the last progress call.
        assertThat(listener.order.get(listener.order.size() - 1)).isEqualTo("status");
    }

    @Test
    void useProgressExCallsOnProgressExWithTheDocumentedPayload() {
        engine();
        Listener listener = new Listener();
        download(listener, NotifyFlag.GROUP_DONE.value() | NotifyFlag.USE_PROGRESSEX.value(), 256 * KIB);

        assertThat(listener.payloads).hasSizeGreaterThanOrEqualTo(4).hasSameSizeAs(listener.progress);
        for (int i = 0; i < listener.payloads.size(); i++) {
            byte[] payload = listener.payloads.get(i);
            assertThat(payload).hasSize(24);
            ByteBuffer record = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            long done = record.getLong();
            long total = record.getLong();
            long rate = record.getLong();
            assertThat(done).isEqualTo(Integer.toUnsignedLong(listener.progress.get(i).progressValue()));
            assertThat(total).isEqualTo(BODY);
            // Held to 1 MiB/s: never far above the cap once measured (0 before the first measuring window).
            assertThat(rate).isBetween(0L, 2048 * KIB);
        }
        assertThat(listener.payloads.stream().mapToLong(p -> ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN)
                .getLong(16)).max().orElse(0)).as("some sample measured a rate").isPositive();
    }

    @Test
    void disableNotifySilencesProgress() {
        engine();
        Listener listener = new Listener();
        download(listener, NotifyFlag.DISABLE_NOTIFY.value(), 256 * KIB);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> listener.order.isEmpty());
    }

    @Test
    void withoutThresholdsNoProgressIsCalled() {
        engine();
        Listener listener = new Listener();
        download(listener, NotifyFlag.GROUP_DONE.value(), 0);
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> listener.order.equals(List.of("status")));
    }

    /** Downloads /big with the listener bound, then waits until the completion (or, when disabled, the end). */
    private BackgroundCopyGroup download(Listener listener, int flags, long sizeThreshold) {
        BackgroundCopyGroup group = groupWith("/big");
        group.setNotifyFlagsMask(flags);
        group.setNotificationCallback(listener);
        group.setProp(GroupProp.PROGRESSSIZE, Variant.i4((int) sizeThreshold));
        group.resume();
        await().atMost(DOWNLOAD).until(() -> group.getStatus().raw() == 0x140);
        if ((flags & NotifyFlag.GROUP_DONE.value()) != 0 && (flags & NotifyFlag.DISABLE_NOTIFY.value()) == 0) {
            await().atMost(DOWNLOAD).until(() -> listener.order.contains("status"));
        }
        return group;
    }

    /** Records progress and status calls in order. */
    private static final class Listener implements BackgroundCopyCallback {
        final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
        final List<byte[]> payloads = new CopyOnWriteArrayList<>();
        final List<String> order = new CopyOnWriteArrayList<>();

        @Override
        public void onStatus(StatusNotification n) {
            order.add("status");
        }

        @Override
        public void onProgress(ProgressNotification n) {
            progress.add(n);
            order.add("progress");
        }

        @Override
        public void onProgressEx(ProgressNotification n, byte[] payload) {
            progress.add(n);
            payloads.add(payload);
            order.add("progress");
        }
    }
}
