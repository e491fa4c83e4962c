package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.GroupProp;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.Variant;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.notify.ProgressEvent;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;

/**
 * Spec P5/P7 on the real engine and origin: progress samples raised while a group transfers, for its listener
 * when a threshold ({@code GROUPPROP_PROGRESSSIZE}, {@code PROGRESSPERCENT}, {@code PROGRESSTIME}) is crossed,
 * and for monitoring at the configured interval. Each download is 2 MiB held to 1 MiB/s by the background
 * cap, so it lasts about two seconds (longer on a loaded machine, never shorter). Sample times are the events'
 * own wall-clock stamps: the engine spaces them on a monotonic clock, so a whole-millisecond stamp may show one
 * millisecond less.
 */
class ProgressMonitorTest extends EngineTestSupport {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final int BODY = (int) (2 * MIB);
    private static final Duration DOWNLOAD = Duration.ofSeconds(30);
    /** What a wall-clock stamp difference may lose against the engine's monotonic spacing. */
    private static final long STAMP_SLACK_MS = 1;

    private final Sink sink = new Sink();

    /** Replaces the engine with one capped at 1 MiB/s and these settings, and binds the recording sink. */
    private void engine(Map<String, Object> settings) {
        EngineFixture.SettingsBuilder b = EngineFixture.settings().with("backgroundMaxBytesPerSecond", MIB);
        settings.forEach(b::with);
        useSettings(b.build());
        fixture.engine.bindSink(sink);
        origin.put("/big", TestContent.bytes(61, BODY));
    }

    private static Map<String, Object> intervals(long minProgressMs, long eventMs) {
        Map<String, Object> m = new HashMap<>();
        m.put("minProgressIntervalMs", minProgressMs);
        m.put("progressEventIntervalMs", eventMs);
        return m;
    }

    /** Resumes the group and waits until it is COMPLETE (percent 100 only then). */
    private static void download(BackgroundCopyGroup group) {
        group.resume();
        awaitComplete(group);
    }

    private static void awaitComplete(BackgroundCopyGroup group) {
        await().atMost(DOWNLOAD).pollInterval(Duration.ofMillis(20))
                .until(() -> group.getProgress(ProgressType.PERCENT_DONE) == 100);
    }

    @Test
    void sizeCrossingsComeAThresholdApartWithTheBytesDoneAsTheirValue() {
        engine(intervals(50, 0));
        BackgroundCopyGroup group = groupWith("/big");
        group.setProp(GroupProp.PROGRESSSIZE, Variant.i4((int) (256 * KIB)));

        download(group);

        List<ProgressEvent> crossed = sink.crossed(group.getGroupId());
        assertThat(crossed).as("2 MiB in 256 KiB steps, from a baseline near 0").hasSizeGreaterThanOrEqualTo(5);
        assertThat(crossed).allSatisfy(e -> {
            assertThat(e.crossed()).isEqualTo(ProgressType.SIZE_DONE);
            assertThat(e.progressValue()).isEqualTo((int) e.bytesDone());
            assertThat(e.bytesTotal()).isEqualTo(BODY);
            assertThat(e.percent()).isLessThan(100);
            assertThat(e.owner()).isEqualTo("bundle:test");
            assertThat(e.jobId()).isEqualTo(onlyJob(group).getJobId());
            assertThat(e.fileIndex()).isZero();
        });
        assertThat(crossed.get(0).bytesDone()).as("first crossing").isGreaterThanOrEqualTo(256 * KIB);
        for (int i = 1; i < crossed.size(); i++) {
            ProgressEvent previous = crossed.get(i - 1);
            ProgressEvent next = crossed.get(i);
            assertThat(next.bytesDone() - previous.bytesDone()).as("bytes between crossings %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(256 * KIB);
            assertThat(next.timestampMillis() - previous.timestampMillis()).as("ms between crossings")
                    .isGreaterThanOrEqualTo(50 - STAMP_SLACK_MS);
        }
    }

    /** Crossed at every tick, raised only once the minimum interval since the last one has passed. */
    @Test
    void aThresholdCrossedSoonerWaitsForTheMinimumInterval() {
        engine(intervals(400, 100));
        BackgroundCopyGroup group = groupWith("/big");
        group.setProp(GroupProp.PROGRESSSIZE, Variant.i4((int) (16 * KIB)));

        download(group);

        List<ProgressEvent> crossed = sink.crossed(group.getGroupId());
        assertThat(crossed).as("about 2 s of download, at most one per 400 ms").hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < crossed.size(); i++) {
            assertThat(crossed.get(i).timestampMillis() - crossed.get(i - 1).timestampMillis())
                    .as("ms between crossings %d and %d", i - 1, i).isGreaterThanOrEqualTo(400 - STAMP_SLACK_MS);
        }
    }

    @Test
    void percentCrossingsComeAThresholdApartAndNeverAt100() {
        engine(intervals(50, 0));
        BackgroundCopyGroup group = groupWith("/big");
        group.setProp(GroupProp.PROGRESSPERCENT, Variant.i4(25));

        download(group);

        List<ProgressEvent> crossed = sink.crossed(group.getGroupId());
        assertThat(crossed).as("25-point steps of 0..99").hasSizeGreaterThanOrEqualTo(2);
        assertThat(crossed).allSatisfy(e -> {
            assertThat(e.crossed()).isEqualTo(ProgressType.PERCENT_DONE);
            assertThat(e.progressValue()).isEqualTo(e.percent());
            assertThat(e.percent()).isLessThan(100);
        });
        assertThat(crossed.get(0).percent()).as("first crossing").isGreaterThanOrEqualTo(25);
        for (int i = 1; i < crossed.size(); i++) {
            assertThat(crossed.get(i).percent() - crossed.get(i - 1).percent())
                    .as("points between crossings %d and %d", i - 1, i).isGreaterThanOrEqualTo(25);
        }
    }

    @Test
    void timeCrossingsComeAThresholdOfTransferTimeApart() {
        engine(intervals(50, 0));
        BackgroundCopyGroup group = groupWith("/big");
        group.setProp(GroupProp.PROGRESSTIME, Variant.i4(400));
        long resumed = System.currentTimeMillis();

        download(group);

        List<ProgressEvent> crossed = sink.crossed(group.getGroupId());
        assertThat(crossed).as("about 2 s of download in 400 ms steps").hasSizeGreaterThanOrEqualTo(3);
        assertThat(crossed).allSatisfy(e -> {
            assertThat(e.crossed()).isEqualTo(ProgressType.TIME_DONE);
            assertThat(e.progressValue()).isEqualTo((int) e.secondsActive());
        });
        assertThat(crossed.get(0).timestampMillis() - resumed).as("first crossing after the resume")
                .isGreaterThanOrEqualTo(400 - STAMP_SLACK_MS);
        for (int i = 1; i < crossed.size(); i++) {
            assertThat(crossed.get(i).timestampMillis() - crossed.get(i - 1).timestampMillis())
                    .as("ms between crossings %d and %d", i - 1, i).isGreaterThanOrEqualTo(400 - STAMP_SLACK_MS);
        }
        // Seconds of transfer (P7): the transfer started within half a second of the resume call.
        ProgressEvent last = crossed.get(crossed.size() - 1);
        long sinceResume = last.timestampMillis() - resumed;
        assertThat(last.secondsActive()).as("seconds active at %d ms after the resume", sinceResume)
                .isBetween((sinceResume - 500) / 1000, (sinceResume + STAMP_SLACK_MS) / 1000);
    }

    /** Without thresholds (the defaults) nothing is crossed; monitoring samples come at their own interval. */
    @Test
    void withoutThresholdsOnlyMonitoringSamplesComeAtTheirIntervalWhateverTheNotifyFlags() {
        engine(intervals(50, 200));
        BackgroundCopyGroup group = groupWith("/big");
        group.setNotifyFlagsMask(NotifyFlag.DISABLE_NOTIFY.value());
        long resumed = System.currentTimeMillis();

        download(group);

        List<ProgressEvent> samples = sink.samples(group.getGroupId());
        assertThat(samples).as("about 2 s of download in 200 ms steps").hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(e -> {
                    assertThat(e.crossed()).isNull();
                    assertThat(e.progressValue()).isZero();
                    assertThat(e.notifyFlags()).isEqualTo(NotifyFlag.DISABLE_NOTIFY.value());
                    assertThat(e.bytesTotal()).isEqualTo(BODY);
                    assertThat(e.percent()).isLessThan(100);
                    assertThat(e.bytesPerSecond()).as("rate under a 1 MiB/s cap").isLessThanOrEqualTo(3 * MIB);
                });
        assertThat(samples.get(0).timestampMillis() - resumed).as("first sample after the resume")
                .isGreaterThanOrEqualTo(200 - STAMP_SLACK_MS);
        for (int i = 1; i < samples.size(); i++) {
            ProgressEvent previous = samples.get(i - 1);
            ProgressEvent next = samples.get(i);
            assertThat(next.timestampMillis() - previous.timestampMillis()).as("ms between samples %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(200 - STAMP_SLACK_MS);
            assertThat(next.bytesDone()).isGreaterThanOrEqualTo(previous.bytesDone());
        }
        assertThat(samples).as("a sample showing the rate").anyMatch(e -> e.bytesPerSecond() >= MIB / 4);
    }

    @Test
    void aMonitoringIntervalOf0RaisesNoSampleAtAll() {
        engine(intervals(50, 0));
        BackgroundCopyGroup group = groupWith("/big");
        long resumed = System.nanoTime();

        download(group);

        assertThat(Duration.ofNanos(System.nanoTime() - resumed)).as("long enough for samples")
                .isGreaterThan(Duration.ofMillis(500));
        assertThat(sink.progress).isEmpty();
        assertThat(sink.events).as("the sink was bound").isNotEmpty();
    }

    @Test
    void suspendedAndCompleteGroupsRaiseNoSamples() {
        engine(intervals(50, 100));
        BackgroundCopyGroup group = groupWith("/big");
        group.setProp(GroupProp.PROGRESSTIME, Variant.i4(100));
        group.resume();
        await().atMost(DOWNLOAD).until(() -> sink.samples(group.getGroupId()).size() >= 2);

        group.suspend();
        long suspended = System.currentTimeMillis();
        Duration quiet = Duration.ofMillis(600);
        await().during(quiet).atMost(quiet.multipliedBy(3))
                .until(() -> sink.takenAfter(group.getGroupId(), suspended).isEmpty());

        group.resume();
        await().atMost(DOWNLOAD).until(() -> !sink.takenAfter(group.getGroupId(), suspended).isEmpty());
        awaitComplete(group);
        long complete = System.currentTimeMillis();
        await().during(quiet).atMost(quiet.multipliedBy(3))
                .until(() -> sink.takenAfter(group.getGroupId(), complete).isEmpty());
    }

    @Test
    void refusedThresholdsNameTheValueAndLeaveTheGroupUnchanged() {
        BackgroundCopyGroup group = groupWith("/a");
        for (GroupProp p : List.of(GroupProp.PROGRESSSIZE, GroupProp.PROGRESSPERCENT, GroupProp.PROGRESSTIME)) {
            group.setProp(p, Variant.i4(7));
            Map<Variant, String> refused = new java.util.LinkedHashMap<>();
            refused.put(Variant.i4(-1), "-1");
            refused.put(Variant.i2(-300), "-300");
            refused.put(Variant.ofInt(Integer.MIN_VALUE), Integer.toString(Integer.MIN_VALUE));
            refused.put(Variant.ui4(0x8000_0000), "2147483648");
            if (p == GroupProp.PROGRESSPERCENT) {
                refused.put(Variant.i4(101), "101");
                refused.put(Variant.ui2(65535), "65535");
            }
            refused.forEach((v, text) -> {
                assertThatThrownBy(() -> group.setProp(p, v)).as("%s = %s", p, v)
                        .isInstanceOf(QmgrInvalidArgumentException.class).hasMessageEndingWith("not " + text);
                assertThat(group.getProp(p)).as("%s after refusing %s", p, v).isEqualTo(Variant.i4(7));
            });
        }
        group.setProp(GroupProp.PROGRESSSIZE, Variant.ui4(Integer.MAX_VALUE));
        assertThat(group.getProp(GroupProp.PROGRESSSIZE)).isEqualTo(Variant.i4(Integer.MAX_VALUE));
    }

    @Test
    void progressIntervalsOutOfRangeAreRefusedAndTheEngineKeepsItsSettings() {
        EngineSettings before = fixture.engine.core().settings();

        fixture.engine.modified(Configs.of(EngineConfig.class, Map.of("minProgressIntervalMs", 10L)));
        fixture.engine.modified(Configs.of(EngineConfig.class, Map.of("progressEventIntervalMs", 50L)));

        assertThat(fixture.engine.core().settings()).isSameAs(before);
        fixture.engine.modified(Configs.of(EngineConfig.class, intervals(60, 0)));
        assertThat(fixture.engine.core().settings().minProgressInterval()).isEqualTo(Duration.ofMillis(60));
    }

    @Test
    void theTickFollowsTheShorterIntervalWithinItsBounds() {
        assertThat(ProgressMonitor.tickMillis(settings(500, 1000))).isEqualTo(500);
        assertThat(ProgressMonitor.tickMillis(settings(500, 100))).isEqualTo(100);
        assertThat(ProgressMonitor.tickMillis(settings(50, 0))).isEqualTo(50);
        assertThat(ProgressMonitor.tickMillis(settings(3_600_000, 0))).isEqualTo(1000);
    }

    private static EngineSettings settings(long minProgressMs, long eventMs) {
        EngineFixture.SettingsBuilder b = EngineFixture.settings();
        intervals(minProgressMs, eventMs).forEach(b::with);
        return b.build();
    }

    /** Records what the engine hands to its sinks. */
    private static final class Sink implements NotificationSink {
        final List<ProgressEvent> progress = new CopyOnWriteArrayList<>();
        final List<QueueEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void publish(QueueEvent event, QueueView view) {
            events.add(event);
        }

        @Override
        public void progress(ProgressEvent event, QueueView view) {
            progress.add(event);
        }

        List<ProgressEvent> crossed(UUID groupId) {
            return progress.stream().filter(e -> e.groupId().equals(groupId) && e.crossed() != null).toList();
        }

        List<ProgressEvent> samples(UUID groupId) {
            return progress.stream().filter(e -> e.groupId().equals(groupId) && e.crossed() == null).toList();
        }

        /** @return the group's samples of either kind taken after the wall-clock time */
        List<ProgressEvent> takenAfter(UUID groupId, long millis) {
            return progress.stream().filter(e -> e.groupId().equals(groupId) && e.timestampMillis() > millis).toList();
        }
    }
}
