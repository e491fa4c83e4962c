package org.qmgr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.bench.CountingDataSource.Counts;
import org.qmgr.bench.Origin.Source;

/**
 * Issue 5 (a)–(c): download files from the origin with qmgr (foreground groups, each file fsynced, renamed and
 * committed to the store) and with each peer tool on the same URLs; seconds, rate, and qmgr's rate over the
 * best peer's. Many files are measured in two layouts: one group holding them all, and groups of
 * {@code --files-per-group}.
 */
final class TransferFiles implements Scenario {

    private static final long TIMEOUT_MINUTES = 60;

    private final String name;
    private final String kind;
    private final Param count;
    private final long size;

    /**
     * @param name  the scenario name
     * @param kind  the origin's kind of file ({@code 1g}, {@code 4k}, {@code 64k})
     * @param count the option giving how many files (for {@code 1g}: the file's size in MiB), with its default
     * @param size  the file size in bytes, or -1 when {@code count} gives a single file's size in MiB
     */
    TransferFiles(String name, String kind, Param count, long size) {
        this.name = name;
        this.kind = kind;
        this.count = count;
        this.size = size;
    }

    static List<Param> shared() {
        return List.of(new Param("files-per-group", "100", "files per group in the many-groups layout"),
                new Param("transfers", "8", "qmgr's maxConcurrentTransfers and connections per origin"),
                new Param("files-at-once", "16", "qmgr's filesAtOnce in the one-group run beside the contract's 1"),
                new Param("peer-parallel", "16", "files a peer tool fetches at once"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return size < 0 ? "one large file (--" + count.name() + "): qmgr vs curl/aria2c, MiB/s"
                : "--" + count.name() + " files of " + size / 1024 + " KiB: qmgr (1 group; groups of --files-per-group)"
                        + " vs curl --parallel/aria2c -j, files/s";
    }

    @Override
    public List<Param> params() {
        List<Param> params = new ArrayList<>(List.of(count));
        params.addAll(shared());
        return params;
    }

    @Override
    public boolean transfers() {
        return true;
    }

    @Override
    public void validate(Options options) {
        options.positiveInt(count.name());
        shared().forEach(p -> options.positiveInt(p.name()));
    }

    @Override
    public List<Result> run(RunContext context) {
        Options o = context.options();
        List<Source> sources = size < 0
                ? context.origin().sources(kind, 1, o.positiveInt(count.name()) * 1024L * 1024L)
                : context.origin().sources(kind, o.positiveInt(count.name()), size);
        // {files per group, files at once}: the contract's one file at a time, then files fetched side by side
        // in one group, then many groups side by side, each one file at a time.
        List<int[]> layouts = sources.size() == 1 ? List.<int[]>of(new int[] {1, 1})
                : List.of(new int[] {sources.size(), 1}, new int[] {sources.size(), o.positiveInt("files-at-once")},
                        new int[] {Math.min(sources.size(), o.positiveInt("files-per-group")), 1});
        List<Result> rows = new ArrayList<>();
        for (Database store : context.stores()) {
            for (int[] layout : layouts) {
                QmgrRun run = qmgr(context, store, sources, layout[0], layout[1]);
                sources = run.sources();
                rows.add(run.row());
            }
        }
        for (PeerTool peer : context.peers()) {
            rows.add(peer(context, peer, sources));
        }
        return Downloads.withRatios(rows, context.peers());
    }

    private record QmgrRun(Result row, List<Source> sources) {
    }

    private QmgrRun qmgr(RunContext context, Database store, List<Source> sources, int perGroup, int filesAtOnce) {
        int transfers = context.options().positiveInt("transfers");
        int groups = (sources.size() + perGroup - 1) / perGroup;
        String step = (groups == 1 ? "1 group" : groups + " groups") + (filesAtOnce > 1 ? ", " + filesAtOnce
                + " files at once" : "");
        String label = name + "-" + groups + "-" + filesAtOnce;
        Path dir = context.dir(name + "/" + store.name() + "-" + groups + "g" + filesAtOnce + "f");
        HeapMeter heap = context.heap();
        long baseline = heap.settledUsed();
        context.progress("%s: %s: %d files in %s", name, store.name(), sources.size(), step);
        double seconds;
        long peak;
        long held;
        Counts counts;
        double enqueueSeconds;
        CpuMeter.Sample cpu;
        try (EngineRig rig = new EngineRig(store, label, Map.of("maxConcurrentTransfers", transfers,
                "filesAtOnce", filesAtOnce), Math.max(transfers, filesAtOnce))) {
            long start = System.nanoTime();
            List<BackgroundCopyGroup> created = new ArrayList<>();
            for (int from = 0; from < sources.size(); from += perGroup) {
                created.add(rig.enqueue(sources.subList(from, Math.min(sources.size(), from + perGroup)), dir, true));
            }
            enqueueSeconds = (System.nanoTime() - start) / 1e9;
            List<UUID> ids = created.stream().map(BackgroundCopyGroup::getGroupId).toList();
            Counts before = rig.counts();
            heap.resetPeak();
            CpuMeter.Sample cpuBefore = CpuMeter.now();
            start = System.nanoTime();
            created.forEach(BackgroundCopyGroup::resume);
            rig.awaitCompleted(ids, TIMEOUT_MINUTES, TimeUnit.MINUTES);
            seconds = (System.nanoTime() - start) / 1e9;
            cpu = CpuMeter.now().minus(cpuBefore);
            peak = heap.peak();
            counts = rig.counts().minus(before);
            created.clear();
            held = heap.settledUsed();
        }
        List<Source> sized = Downloads.sized(sources, dir);
        String problems = Downloads.problems(context.origin(), sized, dir);
        if (problems != null) {
            throw new BenchmarkException(name + ": qmgr reported completion but " + problems);
        }
        long bytes = Downloads.bytes(sized);
        context.progress("%s: %s: %s done in %.2f s", name, store.name(), step, seconds);
        clean(context, dir);
        String layout = groups == 1 ? "1 group x " + sources.size() + (sources.size() == 1 ? " file" : " files")
                : String.format("%d groups x %d files, %d groups at once", groups, perGroup,
                        Math.min(groups, transfers));
        String order = filesAtOnce == 1 ? "its files one after another"
                : "up to " + filesAtOnce + " of its files in flight, committed in order";
        String notes = String.format("foreground, %s (1 job per group, " + order + "); %.1f MiB/s; "
                + "%s of the whole JVM%s; enqueue %.2f s untimed; store: %s; all files checked", layout,
                Downloads.mib(bytes / seconds), cpu.describe(),
                context.origin() instanceof GeneratedOrigin ? ", the in-process origin's included" : "",
                enqueueSeconds, counts);
        boolean one = sources.size() == 1;
        return new QmgrRun(new Result(name, step, store.name(), one ? bytes : sources.size(),
                one ? Result.BYTES : "files", seconds, HeapMeter.mib(held - baseline), HeapMeter.mib(peak - baseline),
                notes), sized);
    }

    private Result peer(RunContext context, PeerTool peer, List<Source> sources) {
        int parallel = context.options().positiveInt("peer-parallel");
        Path dir = context.dir(name + "/" + peer.name());
        context.progress("%s: %s: %d files", name, peer.name(), sources.size());
        boolean one = sources.size() == 1;
        List<String> command;
        try {
            command = one ? peer.one(sources.get(0), dir.resolve(sources.get(0).name()))
                    : peer.many(sources, dir, context.runDir().resolve(name + "-" + peer.name() + ".list"), parallel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the URL list for " + peer.name(), e);
        }
        CpuMeter.Sample cpuBefore = CpuMeter.now();
        PeerTool.Run run = peer.run(command, context.runDir().resolve(name + "-" + peer.name() + ".log"));
        CpuMeter.Sample cpu = CpuMeter.now().minus(cpuBefore);
        String problems = run.error() != null ? run.error() : Downloads.problems(context.origin(), sources, dir);
        double fsync = problems == null ? Downloads.fsync(sources, dir) : Double.NaN;
        clean(context, dir);
        String how = one ? peer.oneNote() : peer.manyNote(parallel);
        double bytes = Downloads.bytes(sources);
        String durable = one ? String.format("%.1f MiB/s", Downloads.mib(bytes / (run.seconds() + fsync)))
                : String.format("%.0f files/s", sources.size() / (run.seconds() + fsync));
        String notes = problems != null ? "FAILED: " + problems + "; " + how
                : String.format("%s; %.1f MiB/s; %s; all files checked; no fsync, no queue: an fsync of each "
                        + "file and the directory afterwards took %.2f s (with it: %s)", how,
                        Downloads.mib(bytes / run.seconds()), cpu.describeChildren(), fsync, durable);
        return new Result(name, one ? "download" : "parallel " + parallel, peer.name(),
                one ? Downloads.bytes(sources) : sources.size(), one ? Result.BYTES : "files", run.seconds(),
                Double.NaN, Double.NaN, notes);
    }

    private static void clean(RunContext context, Path dir) {
        if (!context.options().keep()) {
            Downloads.delete(dir);
        }
    }
}
