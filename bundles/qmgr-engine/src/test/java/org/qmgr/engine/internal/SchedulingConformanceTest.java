package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.JobStatusFlag;
import org.qmgr.api.ProgressType;

/** Checklist C95–C99 (spec §8 "Foreground and scheduling", §1.6): foreground flag, preference, slices, cap. */
class SchedulingConformanceTest extends EngineTestSupport {

    private static final int CHUNK = TestOrigin.CHUNK;
    private static final int MIB = 1024 * 1024;


    /** A suspended group downloading one origin path (put there by the test) to its name in {@link #dir}. */
    private BackgroundCopyGroup group(String path) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), dir.resolve(path.substring(1)).toString());
        return group;
    }

    private static BackgroundCopyJob job(BackgroundCopyGroup group) {
        return group.getJob(group.enumJobs().next(1).get(0));
    }

    private static long done(BackgroundCopyGroup group) {
        return group.getProgress(ProgressType.SIZE_DONE);
    }

    @Test
    void C95_foregroundFlagShowsInEveryStatusAndIsIdempotent() {
        Semaphore gate = new Semaphore(1);
        origin.put("/fg", TestContent.bytes(95, 8 * CHUNK)).gate = gate;
        BackgroundCopyGroup group = group("/fg");

        group.switchToForeground();
        assertThat(group.getStatus().raw()).isEqualTo(0x580);
        group.switchToForeground();
        assertThat(group.getStatus().raw()).isEqualTo(0x580);
        group.resume();
        assertThat(group.getStatus().raw()).isEqualTo(0x480);
        await().atMost(Duration.ofSeconds(5)).until(() -> done(group) == CHUNK);
        assertThat(group.getStatus().raw()).isEqualTo(0x480);
        gate.release(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x540);
        group.switchToForeground();
        assertThat(group.getStatus().raw()).isEqualTo(0x540);
    }

    @Test
    void C96_jobStatusNeverHasTheForegroundBit() {
        Semaphore gate = new Semaphore(1);
        origin.put("/ok", TestContent.bytes(96, 4 * CHUNK)).gate = gate;
        origin.put("/missing", TestContent.bytes(960, 100)).failAlways(404);
        BackgroundCopyGroup ok = group("/ok");
        BackgroundCopyGroup failing = group("/missing");
        ok.switchToForeground();
        failing.switchToForeground();

        assertThat(job(ok).getStatus().raw()).isEqualTo(0x08);
        ok.resume();
        failing.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> done(ok) == CHUNK);
        assertThat(job(ok).getStatus().raw()).isEqualTo(0x08);
        gate.release(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> ok.getStatus().raw() == 0x540);
        await().atMost(Duration.ofSeconds(10)).until(() -> failing.getStatus().raw() == 0x780);
        assertThat(job(ok).getStatus().raw()).isEqualTo(0x04);
        assertThat(job(failing).getStatus().raw()).isEqualTo(0x18);
        for (BackgroundCopyGroup g : List.of(ok, failing)) {
            assertThat(job(g).getStatus().raw() & 0x20).isZero();
            assertThat(job(g).getStatus().flags()).doesNotContain(JobStatusFlag.FOREGROUND);
        }
    }

    @Test
    void C97_aForegroundGroupResumedLaterStartsWithinATickAndFinishesFirst() throws Exception {
        Semaphore gate = new Semaphore(2);
        origin.put("/bg", TestContent.bytes(970, 64 * CHUNK)).gate = gate;
        byte[] fgBody = TestContent.bytes(971, 4 * MIB);
        origin.put("/fg", fgBody);
        BackgroundCopyGroup background = group("/bg");
        BackgroundCopyGroup foreground = group("/fg");
        background.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> done(background) == 2L * CHUNK);

        foreground.switchToForeground();
        long resumed = System.nanoTime();
        foreground.resume();

        await().atMost(Duration.ofSeconds(1)).until(() -> !origin.gets("/fg").isEmpty());
        assertThat(Duration.ofNanos(origin.gets("/fg").get(0).nanos() - resumed)).isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> foreground.getStatus().raw() == 0x540);
        assertThat(background.getStatus().raw()).isEqualTo(0x80);
        assertThat(Files.readAllBytes(dir.resolve("fg"))).isEqualTo(fgBody);
        gate.release(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> background.getStatus().raw() == 0x140);
    }

    /** The cap keeps both transfers running long enough to see slices of 1 s alternate. */
    @Test
    void C98_twoBackgroundGroupsBothProgressOverSeveralSlices() {
        useSettings(EngineFixture.settings().with("timeSliceSeconds", 1)
                .with("backgroundMaxBytesPerSecond", 2L * MIB).build());
        origin.put("/a", TestContent.bytes(980, 16 * MIB));
        origin.put("/b", TestContent.bytes(981, 16 * MIB));
        BackgroundCopyGroup a = group("/a");
        BackgroundCopyGroup b = group("/b");
        long started = System.nanoTime();
        a.resume();
        b.resume();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> System.nanoTime() - started >= Duration.ofMillis(3500).toNanos()
                        && origin.gets("/a").size() >= 2 && done(b) > 0);
        long aDone = done(a);
        long bDone = done(b);
        assertThat(aDone).isPositive();
        assertThat(bDone).isPositive();
        // A got a slice, B got one, and A was resumed (with Range) for another.
        assertThat(origin.gets("/a").get(1).range()).startsWith("bytes=").isNotEqualTo("bytes=0-");
        assertThat(a.getStatus().raw()).isEqualTo(0x80);
        assertThat(b.getStatus().raw()).isEqualTo(0x80);
    }

    @Test
    void C99_backgroundThroughputStaysAtTheCapAndForegroundIsNotCapped() throws Exception {
        long cap = 2L * MIB;
        // The cap itself, measured across the foreground's run: without the step-aside (BandwidthTest).
        useSettings(EngineFixture.settings().with("backgroundMaxBytesPerSecond", cap)
                .with("backgroundStepAsideBytesPerSecond", 0L).build());
        origin.put("/bg", TestContent.bytes(990, 16 * MIB));
        byte[] fgBody = TestContent.bytes(991, 32 * MIB);
        origin.put("/fg", fgBody);
        BackgroundCopyGroup background = group("/bg");
        BackgroundCopyGroup foreground = group("/fg");
        background.resume();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> done(background) > 0);
        long t0 = System.nanoTime();
        long b0 = done(background);

        foreground.switchToForeground();
        long fgStart = System.nanoTime();
        foreground.resume();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> foreground.getStatus().raw() == 0x540);
        double fgRate = fgBody.length / ((System.nanoTime() - fgStart) / 1e9);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> System.nanoTime() - t0 >= Duration.ofSeconds(3).toNanos());
        long b1 = done(background);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double bgRate = (b1 - b0) / seconds;

        System.out.printf("C99: background %.3f MiB/s over %.2f s (cap %.1f MiB/s); foreground %.1f MiB/s%n",
                bgRate / MIB, seconds, (double) cap / MIB, fgRate / MIB);
        assertThat(bgRate).isBetween(cap * 0.9, cap * 1.1);
        assertThat(fgRate).isGreaterThan(cap * 3.0);
        assertThat(Files.readAllBytes(dir.resolve("fg"))).isEqualTo(fgBody);
        assertThat(background.getStatus().raw()).isEqualTo(0x80);
    }

    /** The cap applies to background transfers only and follows the configuration live. */
    @Test
    void C99_theCapIsLeftWhenSwitchedToForegroundAndChangesLive() {
        useSettings(EngineFixture.settings().with("backgroundMaxBytesPerSecond", 256L * 1024).build());
        origin.put("/switched", TestContent.bytes(993, 8 * MIB));
        origin.put("/lifted", TestContent.bytes(994, 8 * MIB));
        BackgroundCopyGroup switched = group("/switched");
        switched.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> done(switched) > 0);
        switched.switchToForeground();
        // 8 MiB at the cap would take 32 s.
        await().atMost(Duration.ofSeconds(5)).until(() -> switched.getStatus().raw() == 0x540);

        BackgroundCopyGroup lifted = group("/lifted");
        lifted.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> done(lifted) > 0);
        fixture.engine.modified(Configs.of(EngineConfig.class, Map.of("backgroundMaxBytesPerSecond", 0L)));
        await().atMost(Duration.ofSeconds(5)).until(() -> lifted.getStatus().raw() == 0x140);
    }

    /** A transfer waiting on the cap still stops within 2 s on suspend and cancel (spec §2.2.6, C90). */
    @Test
    void C99_suspendAndCancelStopPromptlyWhileWaitingOnTheCap() throws Exception {
        useSettings(EngineFixture.settings().with("backgroundMaxBytesPerSecond", 16L * 1024).build());
        origin.put("/slow", TestContent.bytes(992, 4 * MIB));
        BackgroundCopyGroup group = group("/slow");
        group.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> done(group) > 0);

        long t = System.nanoTime();
        group.suspend();
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(2));
        long held = done(group);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> done(group) == held);

        group.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> done(group) > held);
        t = System.nanoTime();
        group.cancel();
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(2));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
