package org.qmgr.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.h2.jdbcx.JdbcConnectionPool;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.GroupEnumerator;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.api.dto.JobDTO;
import org.qmgr.bench.CountingDataSource.Counts;
import org.qmgr.bench.Database.QueueDatabase;
import org.qmgr.engine.internal.BenchmarkEngine;
import org.qmgr.store.jdbc.internal.JdbcQueueStore;

/**
 * Issue 4's queue figures, per store: enqueue groups × files through the public API as a client would
 * (groups stay suspended, so nothing transfers), then restart the engine and its connection pool on the same
 * database and time until the API answers with the whole queue; heap held by the loaded engine each time.
 */
final class QueueEnqueueRestart implements Scenario {

    static final String NAME = "queue-enqueue-restart";
    private static final String IDENTITY = "bundle:org.qmgr.benchmarks";
    /** Port 9 (discard) on loopback: nothing needs to listen, suspended groups never connect. */
    private static final String ORIGIN = "http://127.0.0.1:9/files/";
    private static final long ANSWER_DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(30);

    /** The queue to build: {@code groups} groups of one job with {@code files} files, added {@code perCall} at a time. */
    private record Shape(int groups, int files, int perCall) {
        long totalFiles() {
            return (long) groups * files;
        }

        long apiCalls() {
            return groups * (2L + (files + perCall - 1) / perCall);
        }
    }

    /** One measured step: its time, heap (absolute bytes; the caller subtracts its baseline) and store counts. */
    private record Step(double seconds, long heapWithEngine, long peak, long engineBytes, Counts counts, int waits) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "enqueue groups x files through the API (files/s), restart on the same database "
                + "(seconds until the API answers with the whole queue), heap held";
    }

    @Override
    public List<Param> params() {
        return List.of(new Param("groups", "1000", "groups to enqueue"),
                new Param("files", "100", "files per group (one job)"),
                new Param("files-per-call", "100", "files per addFiles call"));
    }

    @Override
    public void validate(Options options) {
        shape(options);
    }

    private static Shape shape(Options o) {
        return new Shape(o.positiveInt("groups"), o.positiveInt("files"), o.positiveInt("files-per-call"));
    }

    @Override
    public List<Result> run(RunContext context) {
        Shape shape = shape(context.options());
        List<Result> rows = new ArrayList<>();
        for (Database store : context.stores()) {
            rows.addAll(on(context, store, shape));
        }
        return rows;
    }

    private List<Result> on(RunContext context, Database store, Shape shape) {
        QueueDatabase db = store.create(NAME);
        Path downloads = context.dir(store.name() + "-downloads");
        context.progress("%s: %s: %d groups x %d files into %s", NAME, store.name(), shape.groups(), shape.files(),
                db.location());
        HeapMeter heap = context.heap();
        long baseline = heap.settledUsed();
        Step enqueue = enqueue(context, store.name(), db, downloads, shape);
        long between = heap.settledUsed();
        Step restart = restart(context, store.name(), db, shape);
        return List.of(
                new Result(NAME, "enqueue", store.name(), shape.totalFiles(), "files", enqueue.seconds(),
                        HeapMeter.mib(enqueue.heapWithEngine() - baseline), HeapMeter.mib(enqueue.peak() - baseline),
                        String.format("%d groups x %d files, %d API calls; store: %s; engine holds %.1f MiB",
                                shape.groups(), shape.files(), shape.apiCalls(), enqueue.counts(),
                                HeapMeter.mib(enqueue.engineBytes()))),
                new Result(NAME, "restart", store.name(), shape.totalFiles(), "files", restart.seconds(),
                        HeapMeter.mib(restart.heapWithEngine() - between), HeapMeter.mib(restart.peak() - between),
                        String.format("%d groups answered%s; load: %s; engine holds %.1f MiB; all files verified",
                                shape.groups(), restart.waits() == 0 ? "" : " after " + restart.waits()
                                        + " API timeouts", restart.counts(), HeapMeter.mib(restart.engineBytes()))));
    }

    private Step enqueue(RunContext context, String store, QueueDatabase db, Path downloads, Shape shape) {
        HeapMeter heap = context.heap();
        JdbcConnectionPool pool = db.connect();
        try {
            CountingDataSource ds = new CountingDataSource(pool);
            BenchmarkEngine engine = BenchmarkEngine.start(new JdbcQueueStore(ds.dataSource()), Map.of());
            boolean stopped = false;
            try {
                BackgroundCopyQMgr client = engine.client(IDENTITY);
                // the empty queue's load and the schema's creation are not part of the enqueue figure
                answer(client);
                Counts before = ds.counts();
                heap.resetPeak();
                long start = System.nanoTime();
                int step = Math.max(1, shape.groups() / 10);
                for (int g = 0; g < shape.groups(); g++) {
                    enqueueGroup(client, g, shape, downloads);
                    if ((g + 1) % step == 0) {
                        context.progress("%s: %s: enqueued %d files in %.1f s", NAME, store,
                                (g + 1L) * shape.files(), seconds(start));
                    }
                }
                double seconds = seconds(start);
                long peak = heap.peak();
                Counts counts = ds.counts().minus(before);
                client = null;
                long withEngine = heap.settledUsed();
                engine.close();
                stopped = true;
                engine = null;
                long withoutEngine = heap.settledUsed();
                return new Step(seconds, withEngine, peak, withEngine - withoutEngine, counts, 0);
            } finally {
                if (!stopped) {
                    engine.close();
                }
            }
        } finally {
            pool.dispose();
        }
    }

    private static void enqueueGroup(BackgroundCopyQMgr client, int g, Shape shape, Path downloads) {
        BackgroundCopyGroup group = client.createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        List<FileSetInfo> batch = new ArrayList<>(shape.perCall());
        for (int f = 0; f < shape.files(); f++) {
            String name = "g" + g + "-f" + f + ".bin";
            batch.add(new FileSetInfo(ORIGIN + name, downloads.resolve(name).toString()));
            if (batch.size() == shape.perCall() || f == shape.files() - 1) {
                job.addFiles(batch);
                batch = new ArrayList<>(shape.perCall());
            }
        }
    }

    /** A new pool, store and engine on the same database, as after a host restart; timed until the API answers. */
    private Step restart(RunContext context, String store, QueueDatabase db, Shape shape) {
        HeapMeter heap = context.heap();
        heap.resetPeak();
        long start = System.nanoTime();
        JdbcConnectionPool pool = db.connect();
        try {
            CountingDataSource ds = new CountingDataSource(pool);
            BenchmarkEngine engine = BenchmarkEngine.start(new JdbcQueueStore(ds.dataSource()), Map.of());
            boolean stopped = false;
            try {
                BackgroundCopyQMgr client = engine.client(IDENTITY);
                Answer answer = answer(client);
                GroupDTO last = answer.ids().isEmpty() ? null
                        : client.getGroupInfo(answer.ids().get(answer.ids().size() - 1));
                double seconds = seconds(start);
                long peak = heap.peak();
                Counts counts = ds.counts();
                context.progress("%s: %s: restarted, the API answered after %.2f s", NAME, store, seconds);
                if (answer.ids().size() != shape.groups() || last == null || files(last) != shape.files()) {
                    throw new BenchmarkException("the restarted " + store + " queue has " + answer.ids().size()
                            + " groups and " + (last == null ? 0 : files(last)) + " files in its last group, not "
                            + shape.groups() + " and " + shape.files());
                }
                verify(client, answer.ids(), shape, store);
                int waits = answer.waits();
                client = null;
                last = null;
                answer = null;
                long withEngine = heap.settledUsed();
                engine.close();
                stopped = true;
                engine = null;
                long withoutEngine = heap.settledUsed();
                return new Step(seconds, withEngine, peak, withEngine - withoutEngine, counts, waits);
            } finally {
                if (!stopped) {
                    engine.close();
                }
            }
        } finally {
            pool.dispose();
        }
    }

    /** The group ids, and how often the API said "still loading" before it answered. */
    private record Answer(List<UUID> ids, int waits) {
    }

    /**
     * Asks for the group ids until the API answers. A call blocks while the queue loads, up to the engine's
     * ready timeout, then says the service is unavailable: that is counted, and asked again.
     */
    private static Answer answer(BackgroundCopyQMgr client) {
        long deadline = System.nanoTime() + ANSWER_DEADLINE_NANOS;
        int waits = 0;
        while (true) {
            try {
                GroupEnumerator groups = client.enumGroups();
                return new Answer(groups.next(groups.getCount()), waits);
            } catch (QmgrServiceUnavailableException e) {
                if (!(e.getCause() instanceof TimeoutException) || System.nanoTime() > deadline) {
                    throw new BenchmarkException("the queue did not load: " + e.getMessage()
                            + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
                }
                waits++;
            }
        }
    }

    /** Untimed: every group of the restarted queue has all its files. */
    private static void verify(BackgroundCopyQMgr client, List<UUID> ids, Shape shape, String store) {
        long total = 0;
        for (UUID id : ids) {
            total += files(client.getGroupInfo(id));
        }
        if (total != shape.totalFiles()) {
            throw new BenchmarkException("the restarted " + store + " queue has " + total + " files, not "
                    + shape.totalFiles());
        }
    }

    private static int files(GroupDTO group) {
        return group.jobs.stream().mapToInt((JobDTO j) -> j.files.size()).sum();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
