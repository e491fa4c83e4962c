package org.qmgr.engine.internal;

import java.time.Duration;
import java.util.Map;

import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.transport.Transport;
import org.qmgr.store.memory.internal.MemoryQueueStore;
import org.qmgr.transport.jetty.internal.JettyTransport;
import org.qmgr.transport.jetty.internal.JettyTransportConfig;

/**
 * A real engine on the real memory store and the real Jetty transport, outside OSGi, with short timers.
 * The store outlives {@link #restart()} so tests can check what survives a service restart.
 */
final class EngineFixture implements AutoCloseable {

    final QueueStore store;
    private final EngineSettings settings;
    private final JettyTransport transport;
    private final LocalDisk disk;
    QueueEngine engine;

    EngineFixture() {
        this(settings(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    EngineFixture(EngineSettings settings) {
        this(settings, new MemoryQueueStore());
    }

    EngineFixture(EngineSettings settings, QueueStore store) {
        this(settings, store, LocalDisk.REAL);
    }

    /** An engine whose destination disk is the test's (one that fills up, or halts at a commit step). */
    EngineFixture(EngineSettings settings, QueueStore store, LocalDisk disk) {
        this(settings, store, Map.of(), disk);
    }

    /**
     * @param transportConfig transport settings over the test's ({@code readTimeoutSeconds} 10), by
     *                        {@link JettyTransportConfig} attribute name
     */
    EngineFixture(EngineSettings settings, Map<String, Object> transportConfig) {
        this(settings, new MemoryQueueStore(), transportConfig, LocalDisk.REAL);
    }

    /** @param transportConfig as above; {@code null}: no transport at all */
    private EngineFixture(EngineSettings settings, QueueStore store, Map<String, Object> transportConfig,
                          LocalDisk disk) {
        this.settings = settings;
        this.store = store;
        this.disk = disk;
        if (transportConfig == null) {
            this.transport = null;
        } else {
            Map<String, Object> config = new java.util.HashMap<>(Map.of("readTimeoutSeconds", 10));
            config.putAll(transportConfig);
            this.transport = new JettyTransport(Configs.of(JettyTransportConfig.class, config));
        }
        start();
    }

    /** An engine on a fresh memory store with no transport bound at all (spec A-33). */
    static EngineFixture withoutTransport(EngineSettings settings) {
        return new EngineFixture(settings, new MemoryQueueStore(), null, LocalDisk.REAL);
    }

    static EngineSettings settings(Duration minRetryDelay, Duration noProgressTimeout) {
        return settings().minRetryDelay(minRetryDelay).noProgressTimeout(noProgressTimeout).build();
    }

    /**
     * Test settings: the spec's conformance timers (retry 1 s, no-progress 5 s, spec §8), fast checkpoints;
     * everything else at the production defaults. Change what a test needs.
     */
    static SettingsBuilder settings() {
        return new SettingsBuilder();
    }

    /** Builds {@link EngineSettings} for tests. */
    static final class SettingsBuilder {
        private final java.util.Map<String, Object> values = new java.util.HashMap<>(java.util.Map.of(
                "minRetryDelaySeconds", 1, "noProgressTimeoutSeconds", 5L, "checkpointBytes", 256L * 1024,
                "checkpointIntervalMillis", 200L,
                // Tests of other matters call as users ("alice") and download into their temp directories;
                // UserDownloadRootsTest covers the confinement and its default.
                "userLocalRoots", new String[0]));
        private Duration minRetryDelay = Duration.ofSeconds(1);

        /** Any key of {@link org.qmgr.engine.internal.EngineConfig}, by method name. */
        SettingsBuilder with(String key, Object value) {
            values.put(key, value);
            return this;
        }

        /** Sub-second delays are allowed in tests only (the configuration has whole seconds, at least 1). */
        SettingsBuilder minRetryDelay(Duration delay) {
            minRetryDelay = delay;
            return this;
        }

        SettingsBuilder noProgressTimeout(Duration timeout) {
            return with("noProgressTimeoutSeconds", timeout.toSeconds());
        }

        EngineSettings build() {
            return EngineSettings.from(Configs.of(EngineConfig.class, values), "test-node")
                    .withMinRetryDelay(minRetryDelay);
        }
    }

    private void start() {
        engine = new QueueEngine(settings, store, MonotonicClock.SYSTEM, disk);
        if (transport != null) {
            engine.addTransport(transport, Map.of(Transport.SCHEMES, new String[] {"http", "https"}));
        }
    }

    /** A client facade acting as the given identity, that can see no callback provider. */
    BackgroundCopyQMgr client(String identity, boolean admin) {
        return client(identity, admin, clsid -> false);
    }

    /** A client facade acting as the given identity, seeing the callback class ids the predicate accepts. */
    BackgroundCopyQMgr client(String identity, boolean admin, java.util.function.Predicate<java.util.UUID> clsids) {
        Caller caller = new Caller(identity, admin);
        return new QMgrFacade(engine, new CallerContext(() -> caller, clsids));
    }

    BackgroundCopyQMgr client() {
        return client("bundle:test", false);
    }

    /** Stops the engine (like a service restart) and starts a new one on the same store. */
    void restart() {
        engine.deactivate();
        start();
    }

    @Override
    public void close() {
        engine.deactivate();
        if (transport != null) {
            transport.deactivate();
        }
    }
}
