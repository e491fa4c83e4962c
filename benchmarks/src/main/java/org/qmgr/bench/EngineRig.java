package org.qmgr.bench;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.h2.jdbcx.JdbcConnectionPool;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.bench.CountingDataSource.Counts;
import org.qmgr.bench.Origin.Source;
import org.qmgr.engine.internal.BenchmarkEngine;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.store.jdbc.internal.JdbcQueueStore;
import org.qmgr.transport.jetty.internal.JettyTransport;
import org.qmgr.transport.jetty.internal.JettyTransportConfig;

/**
 * A real engine for the transfer scenarios: a new queue database on the given store (through a
 * {@link CountingDataSource}), the real Jetty transport, and a notification sink that tells when groups end.
 */
final class EngineRig implements AutoCloseable {

    static final String IDENTITY = "bundle:org.qmgr.benchmarks";
    private static final int FILES_PER_CALL = 1000;

    private final JdbcConnectionPool pool;
    private final CountingDataSource counting;
    private final JettyTransport transport;
    private final BenchmarkEngine engine;
    private final BackgroundCopyQMgr client;
    /** The last end event (completed or error) of each group. */
    private final Map<UUID, QueueEvent.Type> ends = new ConcurrentHashMap<>();
    private final LongAdder commits = new LongAdder();

    /**
     * @param store        the database product
     * @param label        the new queue database's name
     * @param engineConfig engine configuration values by {@code EngineConfig} method name
     * @param connections  the transport's connections per origin
     */
    EngineRig(Database store, String label, Map<String, Object> engineConfig, int connections) {
        pool = store.create(label).connect();
        counting = new CountingDataSource(pool);
        transport = new JettyTransport(transportConfig(Map.of("maxConnectionsPerDestination", connections)));
        engine = BenchmarkEngine.start(new JdbcQueueStore(counting.dataSource()), engineConfig);
        engine.addTransport(transport, "http", "https");
        engine.addSink((event, view) -> onEvent(event));
        client = engine.client(IDENTITY);
        client.enumGroups(); // waits for the (empty) queue to load: not part of any figure
    }

    BackgroundCopyQMgr client() {
        return client;
    }

    /** @return the store's work so far */
    Counts counts() {
        return counting.counts();
    }

    /** @return files committed so far, as the engine announced them */
    long committed() {
        return commits.sum();
    }

    /**
     * Creates a suspended group with one job holding the sources, downloading into {@code dir}.
     *
     * @param foreground whether to switch it to the foreground before it runs
     */
    BackgroundCopyGroup enqueue(List<Source> sources, Path dir, boolean foreground) {
        BackgroundCopyGroup group = client.createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        for (int from = 0; from < sources.size(); from += FILES_PER_CALL) {
            List<FileSetInfo> batch = new ArrayList<>();
            for (Source s : sources.subList(from, Math.min(sources.size(), from + FILES_PER_CALL))) {
                batch.add(new FileSetInfo(s.url(), dir.resolve(s.name()).toString()));
            }
            job.addFiles(batch);
        }
        if (foreground) {
            group.switchToForeground();
        }
        return group;
    }

    /**
     * Waits until every group completed.
     *
     * @throws BenchmarkException when one went to ERROR, or the time ran out
     */
    void awaitCompleted(Collection<UUID> groups, long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (ends) {
            while (!ends.keySet().containsAll(groups) && !ends.containsValue(QueueEvent.Type.GROUP_ERROR)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(ends, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BenchmarkException("interrupted while waiting for the transfers", e);
                }
            }
        }
        failIfError(groups);
        for (UUID id : groups) {
            if (!ends.containsKey(id)) {
                GroupDTO g = client.getGroupInfo(id);
                throw new BenchmarkException("group " + id + " still " + g.state + " after " + timeout + " "
                        + unit.name().toLowerCase() + (g.errorDescription == null ? "" : ": " + g.errorDescription));
            }
        }
    }

    /** @return whether the group completed (an error throws) */
    boolean completed(UUID group) {
        failIfError(List.of(group));
        return ends.get(group) == QueueEvent.Type.GROUP_COMPLETED;
    }

    private void failIfError(Collection<UUID> groups) {
        for (UUID id : groups) {
            if (ends.get(id) == QueueEvent.Type.GROUP_ERROR) {
                GroupDTO g = client.getGroupInfo(id);
                throw new BenchmarkException("group " + id + " went to ERROR: " + g.errorDescription + " (win32 "
                        + g.win32Result + ", transport " + g.transportResult + ")");
            }
        }
    }

    private void onEvent(QueueEvent event) {
        switch (event.type()) {
            case FILE_COMMITTED -> commits.increment();
            case GROUP_COMPLETED, GROUP_ERROR -> {
                synchronized (ends) {
                    ends.put(event.groupId(), event.type());
                    ends.notifyAll();
                }
            }
            default -> {
                // not waited for
            }
        }
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            transport.deactivate();
            pool.dispose();
        }
    }

    /** A {@link JettyTransportConfig} as DS would build it: metatype defaults, with the given values instead. */
    private static JettyTransportConfig transportConfig(Map<String, Object> values) {
        return (JettyTransportConfig) Proxy.newProxyInstance(JettyTransportConfig.class.getClassLoader(),
                new Class<?>[] {JettyTransportConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return JettyTransportConfig.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
    }
}
