package org.qmgr.engine.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    QueueEngine engine;

    EngineFixture() {
        this(settings(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    EngineFixture(EngineSettings settings) {
        this(settings, new MemoryQueueStore());
    }

    EngineFixture(EngineSettings settings, QueueStore store) {
        this.settings = settings;
        this.store = store;
        this.transport = new JettyTransport(Configs.of(JettyTransportConfig.class, Map.of("readTimeoutSeconds", 10)));
        start();
    }

    static EngineSettings settings(Duration minRetryDelay, Duration noProgressTimeout) {
        return new EngineSettings(minRetryDelay, noProgressTimeout, Duration.ofDays(90), Duration.ofSeconds(60), 8,
                false, 4096, 2200, List.of(), 0, 0, 0, 0, 256 * 1024, Duration.ofMillis(200), Set.of(), "test-node");
    }

    private void start() {
        engine = new QueueEngine(settings, store, MonotonicClock.SYSTEM);
        engine.addTransport(transport, Map.of(Transport.SCHEMES, new String[] {"http", "https"}));
    }

    /** A client facade acting as the given identity. */
    BackgroundCopyQMgr client(String identity, boolean admin) {
        Caller caller = new Caller(identity, admin);
        return new QMgrFacade(engine, new CallerContext(() -> caller, clsid -> false));
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
        transport.deactivate();
    }
}
