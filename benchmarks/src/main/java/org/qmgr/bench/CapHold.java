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
 * Issue 5 (d): one background download under the engine's {@code backgroundMaxBytesPerSecond} cap; the rate
 * over a window of {@code --cap-seconds} after a warm-up second from the first byte, as a deviation from the
 * cap. The peers run the same download with their own rate limits.
 */
final class CapHold implements Scenario {

    static final String NAME = "cap-20m";
    static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a background download under a --cap-mib MiB/s cap for --cap-seconds after a warm-up second: "
                + "deviation from the cap, vs curl --limit-rate";
    }

    @Override
    public List<Param> params() {
        return List.of(new Param("cap-mib", "20", "the background cap, MiB/s (cap-20m, foreground-step-aside)"),
                new Param("cap-seconds", "10", "the measured window, seconds"));
    }

    @Override
    public boolean transfers() {
        return true;
    }

    @Override
    public void validate(Options options) {
        params().forEach(p -> options.positiveInt(p.name()));
    }

    /** @return the cap in bytes per second */
    static long cap(Options o) {
        return o.positiveInt("cap-mib") * 1024L * 1024L;
    }

    @Override
    public List<Result> run(RunContext context) {
        long cap = cap(context.options());
        int window = context.options().positiveInt("cap-seconds");
        // the whole file takes the warm-up, the window and two seconds more at the cap
        List<Source> sources = context.origin().sources("cap", 1, cap * (window + 3));
        List<Result> rows = new ArrayList<>();
        for (Database store : context.stores()) {
            rows.add(qmgr(context, store, sources, cap, window));
        }
        for (PeerTool peer : context.peers()) {
            rows.add(peer(context, peer, sources.get(0), cap, window));
        }
        return rows; // no "x peer": a rate limit is judged by its deviation from the cap (notes), not by speed
    }

    private Result qmgr(RunContext context, Database store, List<Source> sources, long cap, int window) {
        Path dir = context.dir(NAME + "/" + store.name());
        HeapMeter heap = context.heap();
        long baseline = heap.settledUsed();
        context.progress("%s: %s: background download capped at %d MiB/s", NAME, store.name(), cap >> 20);
        Measured m;
        long peak;
        long held;
        try (EngineRig rig = new EngineRig(store, NAME, Map.of("backgroundMaxBytesPerSecond", cap), 1)) {
            BackgroundCopyGroup group = rig.enqueue(sources, dir, false);
            heap.resetPeak();
            long start = System.nanoTime();
            try (ByteSampler sampler = new ByteSampler(NAME, () -> group.getProgress(ProgressType.SIZE_DONE))) {
                group.resume();
                m = measure(sampler, start, window, cap);
                rig.awaitCompleted(List.of(group.getGroupId()), 10L * (window + 3), TimeUnit.SECONDS);
                m = m.finished(System.nanoTime(), sampler.last());
            }
            peak = heap.peak();
            held = heap.settledUsed();
        }
        List<Source> sized = Downloads.sized(sources, dir);
        String problems = Downloads.problems(context.origin(), sized, dir);
        if (problems != null) {
            throw new BenchmarkException(NAME + ": qmgr reported completion but " + problems);
        }
        clean(context, dir);
        return m.row(store.name(), "background", "engine cap backgroundMaxBytesPerSecond=" + cap + "; 1 background "
                + "group", cap, HeapMeter.mib(held - baseline), HeapMeter.mib(peak - baseline));
    }

    private Result peer(RunContext context, PeerTool peer, Source source, long cap, int window) {
        Path dir = context.dir(NAME + "/" + peer.name());
        Path out = dir.resolve(source.name());
        context.progress("%s: %s: download limited to %d MiB/s", NAME, peer.name(), cap >> 20);
        List<String> command = peer.capped(source, out, cap);
        long start = System.nanoTime();
        Process p = peer.start(command, context.runDir().resolve(NAME + "-" + peer.name() + ".log"));
        Measured m;
        String problem;
        try (ByteSampler sampler = new ByteSampler(peer.name(), () -> Downloads.sizeOf(out))) {
            m = measure(sampler, start, window, cap);
            int exit = p.waitFor();
            m = m.finished(System.nanoTime(), sampler.last());
            problem = exit != 0 ? "exit " + exit : context.origin().check(source, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while " + peer.name() + " ran", e);
        } catch (BenchmarkException e) {
            problem = e.getMessage();
            m = null;
        } finally {
            p.destroy();
        }
        clean(context, dir);
        String how = peer.cappedNote(cap);
        if (m == null || problem != null) {
            return new Result(NAME, "limited", peer.name(), 0, Result.BYTES, Double.NaN, Double.NaN, Double.NaN,
                    "FAILED: " + problem + "; " + how);
        }
        return m.row(peer.name(), "limited", how, cap, Double.NaN, Double.NaN);
    }

    /** Waits for the first byte, the warm-up second and the window; returns the window's figures. */
    static Measured measure(ByteSampler sampler, long start, int window, long cap) {
        long first = sampler.awaitAbove(0, 60);
        long from = first + WARM_UP_NANOS;
        long to = from + TimeUnit.SECONDS.toNanos(window);
        sampler.awaitTime(to);
        return new Measured(start, first, from, to, sampler.at(to) - sampler.at(from), 0, 0);
    }

    /** The window's bytes, and the whole download's end. */
    record Measured(long start, long first, long from, long to, double windowBytes, long end, long total) {

        Measured finished(long endNanos, long totalBytes) {
            return new Measured(start, first, from, to, windowBytes, endNanos, totalBytes);
        }

        Result row(String store, String step, String how, long cap, double heapMiB, double peakMiB) {
            double seconds = (to - from) / 1e9;
            double rate = windowBytes / seconds;
            double whole = total / ((end - first) / 1e9);
            return new Result(NAME, step, store, (long) windowBytes, Result.BYTES, seconds, heapMiB, peakMiB,
                    String.format("%+.2f %% of the cap %d MiB/s over %.0f s after a warm-up second; whole file "
                            + "%.0f MiB at %+.2f %%, first byte after %.0f ms; %s", Downloads.percent(rate - cap, cap),
                            cap >> 20, seconds, Downloads.mib(total), Downloads.percent(whole - cap, cap),
                            (first - start) / 1e6, how));
        }
    }

    private static void clean(RunContext context, Path dir) {
        if (!context.options().keep()) {
            Downloads.delete(dir);
        }
    }
}
