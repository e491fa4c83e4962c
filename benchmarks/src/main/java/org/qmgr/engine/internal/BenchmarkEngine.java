package org.qmgr.engine.internal;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Objects;

import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.transport.Transport;

/**
 * The benchmarks' entry point into the engine: a real {@link QueueEngine} on a given store, outside OSGi,
 * built as the engine's own test fixture builds it, and {@link BackgroundCopyQMgr} clients acting as an
 * identity. It lives in the engine's package (in the benchmarks jar, never in a bundle) so that the engine
 * keeps its internals package-private.
 */
public final class BenchmarkEngine implements AutoCloseable {

    private final QueueEngine engine;

    private BenchmarkEngine(QueueEngine engine) {
        this.engine = engine;
    }

    /**
     * Activates an engine as DS would: it returns at once and loads the queue from the store on its own thread;
     * API calls wait for that load.
     *
     * @param store     the queue store, not {@code null}
     * @param overrides engine configuration values by {@link EngineConfig} method name (e.g.
     *                  {@code "maxConcurrentTransfers"}); every other value is the production default
     * @return the running engine; close it to deactivate it
     */
    public static BenchmarkEngine start(QueueStore store, Map<String, Object> overrides) {
        Objects.requireNonNull(store, "store");
        EngineSettings settings = EngineSettings.from(config(Map.copyOf(overrides)), "benchmark-node");
        return new BenchmarkEngine(new QueueEngine(settings, store, MonotonicClock.SYSTEM));
    }

    /**
     * @param identity the owner name the client's groups are recorded under, e.g. {@code bundle:bench}
     * @return a client of this engine acting as {@code identity}, not an administrator, that can reach no
     *         callback class id
     */
    public BackgroundCopyQMgr client(String identity) {
        Caller caller = new Caller(identity, false);
        return new QMgrFacade(engine, new CallerContext(() -> caller, clsid -> false));
    }

    /**
     * Binds a transport as DS would bind a {@link Transport} service with {@link Transport#SCHEMES}.
     *
     * @param transport the transport, started; the caller stops it after {@link #close()}
     * @param schemes   the URL schemes it serves, e.g. {@code http}
     */
    public void addTransport(Transport transport, String... schemes) {
        engine.addTransport(transport, Map.of(Transport.SCHEMES, schemes.clone()));
    }

    /**
     * Binds a notification sink as DS would: it sees every event, on the thread that caused it (a transfer
     * thread for commits and completions), so it must return at once.
     *
     * @param sink the sink
     */
    public void addSink(NotificationSink sink) {
        engine.bindSink(sink);
    }

    /** Deactivates the engine as DS would on a service stop: transfers stop, pools shut down. */
    @Override
    public void close() {
        engine.deactivate();
    }

    /** An {@link EngineConfig} as DS would build it: annotation defaults, with the given values instead. */
    private static EngineConfig config(Map<String, Object> overrides) {
        return (EngineConfig) Proxy.newProxyInstance(EngineConfig.class.getClassLoader(),
                new Class<?>[] {EngineConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return EngineConfig.class;
                    }
                    Object value = overrides.containsKey(method.getName())
                            ? overrides.get(method.getName()) : method.getDefaultValue();
                    if (value == null) {
                        throw new IllegalArgumentException("engine configuration has no value for " + method.getName());
                    }
                    return value;
                });
    }
}
