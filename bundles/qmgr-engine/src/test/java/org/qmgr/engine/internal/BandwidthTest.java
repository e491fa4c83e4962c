package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.ProgressType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5 on the real engine and origin: per-priority and foreground caps, live cap changes, and background
 * stepping aside while a foreground group transfers. Rates are bytes over windows of monotonic time; the
 * bounds leave room for a loaded machine, which can only make a transfer slower than its cap.
 */
class BandwidthTest extends EngineTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(BandwidthTest.class);
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration HALF_SECOND = Duration.ofMillis(500);

    /** A suspended group downloading one origin path (put there by the test) to its name in {@link #dir}. */
    private BackgroundCopyGroup group(String path) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), dir.resolve(path.substring(1)).toString());
        return group;
    }

    private static long done(BackgroundCopyGroup group) {
        return group.getProgress(ProgressType.SIZE_DONE);
    }

    /** Waits until the monotonic clock reaches {@code nanos} (a {@link System#nanoTime()} value). */
    private static void awaitTime(long nanos) {
        await().atMost(Duration.ofNanos(Math.max(0, nanos - System.nanoTime())).plusSeconds(5))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> System.nanoTime() >= nanos);
    }

    /** @return the group's bytes per second over the next {@code window} */
    private static double rate(BackgroundCopyGroup group, Duration window) {
        long t0 = System.nanoTime();
        long b0 = done(group);
        awaitTime(t0 + window.toNanos());
        long b1 = done(group);
        return (b1 - b0) * 1e9 / (System.nanoTime() - t0);
    }

    /** Resumes the group and waits for its first byte and half a second more, so the rate is settled. */
    private static void startAndSettle(BackgroundCopyGroup group) {
        group.resume();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> done(group) > 0);
        awaitTime(System.nanoTime() + HALF_SECOND.toNanos());
    }

    private void configure(Map<String, Object> values) {
        fixture.engine.modified(Configs.of(EngineConfig.class, values));
    }

    /** How the only foreground group stops transferring. */
    enum Ending {
        COMPLETE, SUSPEND, CANCEL
    }

    /** Issue 5 (e): background below 10 % of its cap within 1 s of a foreground start, back to it after. */
    @ParameterizedTest
    @EnumSource(Ending.class)
    void backgroundStepsAsideWhileAForegroundGroupTransfersAndRecoversAfter(Ending ending) {
        long cap = 4 * MIB;
        useSettings(EngineFixture.settings().with("backgroundMaxBytesPerSecond", cap)
                .with("backgroundStepAsideBytesPerSecond", 64 * KIB).build());
        origin.put("/bg", TestContent.bytes(501, (int) (24 * MIB)));
        // One chunk, then the foreground group stays TRANSFERRING until the test opens the gate.
        Semaphore gate = new Semaphore(1);
        origin.put("/fg", TestContent.bytes(502, (int) (4 * MIB))).gate = gate;
        BackgroundCopyGroup background = group("/bg");
        BackgroundCopyGroup foreground = group("/fg");
        foreground.switchToForeground();
        startAndSettle(background);
        double alone = rate(background, SECOND);

        long start = System.nanoTime();
        long atStart = done(background);
        foreground.resume();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> done(foreground) == TestOrigin.CHUNK);
        awaitTime(start + SECOND.toNanos());
        double firstSecond = (done(background) - atStart) * 1e9 / (System.nanoTime() - start);
        double aside1 = rate(background, HALF_SECOND);
        double aside2 = rate(background, HALF_SECOND);
        assertThat(foreground.getStatus().raw()).as("foreground still transferring").isEqualTo(0x480);

        switch (ending) {
            case COMPLETE -> {
                gate.release(1000);
                await().atMost(Duration.ofSeconds(10)).until(() -> foreground.getStatus().raw() == 0x540);
            }
            case SUSPEND -> foreground.suspend();
            case CANCEL -> foreground.cancel();
        }
        gate.release(1000);
        awaitTime(System.nanoTime() + HALF_SECOND.toNanos());
        double after = rate(background, SECOND);

        LOG.info(String.format("step-aside (%s): background alone %.0f %%, first second %.1f %%, then %.1f %% / "
                + "%.1f %%, after %.0f %% of the cap", ending, 100 * alone / cap, 100 * firstSecond / cap,
                100 * aside1 / cap, 100 * aside2 / cap, 100 * after / cap));
        assertThat(alone).as("background alone").isGreaterThan(cap * 0.7);
        // Expected ~3 % (what was in flight, plus the step-aside rate); the bound allows a slow start.
        assertThat(firstSecond).as("first second").isLessThan(cap * 0.25);
        assertThat(aside1).as("second 1-1.5").isLessThan(cap * 0.1).isPositive();
        assertThat(aside2).as("second 1.5-2").isLessThan(cap * 0.1);
        assertThat(after).as("after the foreground").isGreaterThan(cap * 0.7);
    }

    /** Each priority has a cap of its own, and the global background cap applies as well: the lower one wins. */
    @ParameterizedTest
    @CsvSource({
            "HIGH,   0,     4096",
            "NORMAL, 0,     1536",
            "LOW,    0,     512",
            "NORMAL, 1024,  1024"})
    void aBackgroundGroupIsHeldToTheLowerOfItsPriorityCapAndTheGlobalCap(BackgroundPriority priority,
                                                                            long globalKib, long expectedKib) {
        useSettings(EngineFixture.settings().with("backgroundMaxBytesPerSecond", globalKib * KIB)
                .with("highMaxBytesPerSecond", 4 * MIB).with("normalMaxBytesPerSecond", 1536 * KIB)
                .with("lowMaxBytesPerSecond", 512 * KIB).build());
        long expected = expectedKib * KIB;
        origin.put("/bg", TestContent.bytes(510, (int) (16 * MIB)));
        BackgroundCopyGroup group = group("/bg");
        group.setBackgroundPriority(priority);
        startAndSettle(group);

        double rate = rate(group, Duration.ofSeconds(2));

        LOG.info(String.format("%s with global cap %d KiB/s: %.0f KiB/s (expected %d)", priority, globalKib,
                rate / KIB, expectedKib));
        assertThat(rate).isBetween(expected * 0.7, expected * 1.1);
    }

    @Test
    void aChangedPriorityCapTakesHoldWithinASecondDownAndUp() {
        Map<String, Object> config = new HashMap<>(Map.of("normalMaxBytesPerSecond", 2 * MIB));
        useSettings(EngineFixture.settings().with("normalMaxBytesPerSecond", 2 * MIB).build());
        origin.put("/bg", TestContent.bytes(520, (int) (24 * MIB)));
        BackgroundCopyGroup group = group("/bg");
        startAndSettle(group);
        double before = rate(group, SECOND);

        config.put("normalMaxBytesPerSecond", 256 * KIB);
        long lowered = System.nanoTime();
        configure(config);
        awaitTime(lowered + SECOND.toNanos());
        double low = rate(group, SECOND);

        config.put("normalMaxBytesPerSecond", 4 * MIB);
        long raised = System.nanoTime();
        configure(config);
        awaitTime(raised + SECOND.toNanos());
        double high = rate(group, SECOND);

        LOG.info(String.format("NORMAL cap 2 MiB/s: %.0f KiB/s; lowered to 256 KiB/s: %.0f KiB/s; raised to "
                + "4 MiB/s: %.0f KiB/s", before / KIB, low / KIB, high / KIB));
        assertThat(before).isBetween(2 * MIB * 0.7, 2 * MIB * 1.1);
        assertThat(low).isBetween(256 * KIB * 0.5, 256 * KIB * 1.15);
        assertThat(high).isBetween(4 * MIB * 0.7, 4 * MIB * 1.1);
    }

    @Test
    void foregroundIsCappedWhenConfiguredAndUncappedLive() {
        long cap = 2 * MIB;
        useSettings(EngineFixture.settings().with("foregroundMaxBytesPerSecond", cap)
                .with("backgroundMaxBytesPerSecond", 256 * KIB).build());
        origin.put("/fg", TestContent.bytes(530, (int) (24 * MIB)));
        BackgroundCopyGroup foreground = group("/fg");
        foreground.switchToForeground();
        startAndSettle(foreground);

        double capped = rate(foreground, Duration.ofSeconds(2));
        long lifted = System.nanoTime();
        configure(Map.of("backgroundMaxBytesPerSecond", 256 * KIB));
        // At the cap the remaining 17 MiB or more would take over 8 s.
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(10))
                .until(() -> foreground.getStatus().raw() == 0x540);

        LOG.info(String.format("foreground cap 2 MiB/s: %.0f KiB/s; uncapped it finished in %d ms", capped / KIB,
                (System.nanoTime() - lifted) / 1_000_000));
        assertThat(capped).isBetween(cap * 0.7, cap * 1.1);
    }

    @Test
    void aNegativeCapIsRefusedLiveAndTheCurrentSettingsStay() {
        useSettings(EngineFixture.settings().with("normalMaxBytesPerSecond", 3 * MIB).build());
        BandwidthSettings current = fixture.engine.core().settings().bandwidth();

        configure(Map.of("normalMaxBytesPerSecond", MIB, "lowMaxBytesPerSecond", -1L));

        assertThat(fixture.engine.core().settings().bandwidth()).isEqualTo(current);
        assertThat(current.normalMax()).isEqualTo(3 * MIB);
    }
}
