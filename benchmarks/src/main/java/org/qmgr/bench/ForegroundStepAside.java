package org.qmgr.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.ProgressType;
import org.qmgr.bench.Origin.Source;

/**
 * Issue 5 (e): while a capped background download runs (as in {@link CapHold}), a foreground group starts;
 * how much the background still moves in the second after and over the foreground's whole run, as shares of
 * the cap, and from when on it stays below a tenth of the cap (in 100 ms windows) until the foreground ends.
 * Measured with the default scheduling, where the background steps aside to
 * {@code backgroundStepAsideBytesPerSecond} (default 64 KiB/s), and with the legacy single-job scheduling
 * ({@code legacySingleJobScheduling}), where a foreground group preempts the background one.
 */
final class ForegroundStepAside implements Scenario {

    static final String NAME = "foreground-step-aside";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Window of the rate that must stay below a tenth of the cap. */
    private static final long STEP_WINDOW = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long the background runs alone before the foreground starts (after its first byte). */
    private static final long LEAD = 2 * SECOND;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a foreground group starts during a capped background download: background MiB/s in the next "
                + "second and over the foreground's run (% of the cap), time until < 10 % of it; default and legacy "
                + "scheduling";
    }

    @Override
    public List<Param> params() {
        return List.of(new Param("foreground-mib", "256", "size of the foreground file, MiB"));
    }

    @Override
    public boolean transfers() {
        return true;
    }

    @Override
    public void validate(Options options) {
        options.positiveInt("foreground-mib");
        options.positiveInt("cap-mib");
    }

    @Override
    public List<Result> run(RunContext context) {
        long cap = CapHold.cap(context.options());
        Source background = context.origin().sources("cap", 1, cap * 60).get(0);
        Source foreground = context.origin().sources("fg", 1,
                context.options().positiveInt("foreground-mib") * 1024L * 1024L).get(0);
        List<Result> rows = new ArrayList<>();
        for (Database store : context.stores()) {
            rows.addAll(run(context, store, background, foreground, cap, false));
            rows.addAll(run(context, store, background, foreground, cap, true));
        }
        return rows;
    }

    private List<Result> run(RunContext context, Database store, Source bgSource, Source fgSource, long cap,
                             boolean legacy) {
        String mode = legacy ? "legacy" : "default";
        Path dir = context.dir(NAME + "/" + store.name() + "-" + mode);
        Path bgDir = context.dir(NAME + "/" + store.name() + "-" + mode + "/bg");
        context.progress("%s: %s: %s scheduling", NAME, store.name(), mode);
        HeapMeter heap = context.heap();
        long baseline = heap.settledUsed();
        Map<String, Object> config = Map.of("backgroundMaxBytesPerSecond", cap, "legacySingleJobScheduling", legacy);
        List<Result> rows = new ArrayList<>();
        try (EngineRig rig = new EngineRig(store, NAME + "-" + mode, config, 8)) {
            BackgroundCopyGroup bg = rig.enqueue(List.of(bgSource), bgDir, false);
            BackgroundCopyGroup fg = rig.enqueue(List.of(fgSource), dir, true);
            heap.resetPeak();
            try (ByteSampler bgBytes = new ByteSampler("background", () -> bg.getProgress(ProgressType.SIZE_DONE));
                 ByteSampler fgBytes = new ByteSampler("foreground", () -> fg.getProgress(ProgressType.SIZE_DONE))) {
                bg.resume();
                long first = bgBytes.awaitAbove(0, 60);
                bgBytes.awaitTime(first + LEAD);
                double before = bgBytes.rate(first + LEAD - SECOND, first + LEAD);
                long fgStart = System.nanoTime();
                fg.resume();
                rig.awaitCompleted(List.of(fg.getGroupId()), 10, TimeUnit.MINUTES);
                long fgEnd = System.nanoTime();
                bgBytes.awaitTime(Math.max(fgEnd, fgStart + SECOND));
                if (rig.completed(bg.getGroupId())) {
                    throw new BenchmarkException(NAME + ": the background file ended before the foreground did");
                }
                long firstSecond = Math.min(fgEnd, fgStart + SECOND);
                double after = bgBytes.rate(fgStart, firstSecond);
                double during = bgBytes.rate(fgStart, fgEnd);
                long below = bgBytes.staysBelowAfter(fgStart, fgEnd, STEP_WINDOW, cap / 10.0);
                double fgSeconds = (fgEnd - fgStart) / 1e9;
                String fell = below < 0
                        ? String.format("not below 10 %% of the cap when the foreground ended (%.2f s)", fgSeconds)
                        : String.format("below 10 %% of the cap from %.0f ms after the start until the foreground "
                                + "ended (%.2f s)", below / 1e6, fgSeconds);
                rows.add(new Result(NAME, mode + ": background", store.name(), (long) (after * (firstSecond - fgStart)
                        / 1e9), Result.BYTES, (firstSecond - fgStart) / 1e9, Double.NaN, Double.NaN, String.format(
                                "%.1f %% of the cap %d MiB/s %s, %.1f %% over the foreground's whole run (before it: "
                                + "%.1f %%); %s; %s",
                                Downloads.percent(after, cap), cap >> 20, firstSecond - fgStart < SECOND
                                        ? "while the foreground ran (under 1 s)"
                                        : "in the first second after the foreground started",
                                Downloads.percent(during, cap), Downloads.percent(before, cap), fell,
                                legacy ? "legacySingleJobScheduling=true" : "default scheduling (foreground groups "
                                        + "alongside one background group, which steps aside to "
                                        + "backgroundStepAsideBytesPerSecond, default 65536)")));
                rows.add(new Result(NAME, mode + ": foreground", store.name(), (long) fgBytes.last(), Result.BYTES,
                        fgSeconds, Double.NaN, HeapMeter.mib(heap.peak() - baseline),
                        "1 foreground group, 1 file, from resume() to its completion; peak heap of both groups"));
                bg.cancel();
            }
        }
        String problems = Downloads.problems(context.origin(), Downloads.sized(List.of(fgSource), dir),
                dir);
        if (problems != null) {
            throw new BenchmarkException(NAME + ": the foreground group reported completion but " + problems);
        }
        if (!context.options().keep()) {
            Downloads.delete(dir);
        }
        return rows;
    }
}
