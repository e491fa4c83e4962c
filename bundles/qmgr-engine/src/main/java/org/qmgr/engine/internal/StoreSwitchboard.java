package org.qmgr.engine.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.api.admin.MigrationResult;
import org.qmgr.api.admin.StoreInfo;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the queue store services and which one the engine runs on (logging every switch), and runs store
 * migrations: copy, then point {@code store.target} of {@value EngineConfig#PID} at the target, then wait
 * until SCR has brought the engine up on it. Shared by the bundle-scoped {@link QueueStoreAdminComponent}s.
 */
@Component(service = StoreSwitchboard.class, immediate = true)
public class StoreSwitchboard {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSwitchboard.class);
    private static final String STORE_TARGET = "store.target";

    private final StoreMigration.Switch configSwitch;
    private final Duration switchTimeout;
    private final Map<QueueStore, StoreMigration.Store> stores = new ConcurrentHashMap<>();
    private final ReentrantLock migrating = new ReentrantLock();
    /** Guards the engine and the last logged store; notified when either changes. */
    private final Object engineLock = new Object();
    private QueueEngine engine;
    private String loggedStore;

    /** @param configAdmin where the engine's {@code store.target} is changed (persisted to etc/ by Karaf) */
    @Activate
    public StoreSwitchboard(@Reference ConfigurationAdmin configAdmin) {
        this(target -> updateStoreTarget(configAdmin, target), Duration.ofSeconds(60));
    }

    StoreSwitchboard(StoreMigration.Switch configSwitch, Duration switchTimeout) {
        this.configSwitch = configSwitch;
        this.switchTimeout = switchTimeout;
    }

    @Reference(name = "engine", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEngine(QueueEngine bound) {
        synchronized (engineLock) {
            engine = bound;
            engineLock.notifyAll();
        }
        logStore();
    }

    void unbindEngine(QueueEngine unbound) {
        synchronized (engineLock) {
            if (engine == unbound) {
                engine = null;
            }
        }
    }

    @Reference(name = "store", service = QueueStore.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + QueueStore.STORE_NAME + "=*)")
    void bindStore(QueueStore store, Map<String, Object> properties) {
        stores.put(store, new StoreMigration.Store(String.valueOf(properties.get(QueueStore.STORE_NAME)),
                (Long) properties.get(Constants.SERVICE_ID), store, properties));
        logStore();
    }

    void unbindStore(QueueStore store) {
        stores.remove(store);
    }

    /** @return identities the engine's configuration names as administrators (none without an engine) */
    Set<String> administrators() {
        QueueEngine e = currentEngine();
        return e == null ? Set.of() : e.administrators();
    }

    /** @return the active store with its counts */
    StoreInfo active() {
        StoreMigration.Store active = activeStore(requireEngine());
        return info(active, true);
    }

    /** @return every named store, by service id, the active one marked */
    List<StoreInfo> stores() {
        QueueEngine e = currentEngine();
        QueueStore active = e == null ? null : e.store();
        return stores.values().stream().sorted(Comparator.comparingLong(StoreMigration.Store::serviceId))
                .map(s -> info(s, s.store() == active)).toList();
    }

    /**
     * Migrates the queue to the target store (see {@link org.qmgr.api.admin.QueueStoreAdmin#migrateTo}).
     *
     * @param target a store name or filter
     * @param by     who asked, for the log
     */
    MigrationResult migrate(String target, String by) {
        if (!migrating.tryLock()) {
            throw new QmgrServiceUnavailableException("another queue migration is running");
        }
        try {
            long start = System.nanoTime();
            QueueEngine from = requireEngine();
            StoreMigration.Store source = activeStore(from);
            StoreTargets.Choice choice = StoreTargets.choose(target, new ArrayList<>(stores.values()), source);
            LOG.info("{} migrates the queue from {} to {}", by, source, choice.store());
            QueueCopier.Snapshot copied = StoreMigration.run(from, source, choice.store(), choice.filter(),
                    configSwitch);
            awaitEngineOn(choice.store(), from);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("queue migrated from {} to {}: {} groups, {} jobs, {} files in {} ms", source, choice.store(),
                    copied.groups().size(), copied.jobCount(), copied.fileCount(), took.toMillis());
            return new MigrationResult(source.name(), choice.store().name(), choice.filter(), copied.groups().size(),
                    copied.jobCount(), copied.fileCount(), took);
        } finally {
            migrating.unlock();
        }
    }

    /** Waits until SCR has replaced the engine by one on the target store that has loaded its queue. */
    private void awaitEngineOn(StoreMigration.Store target, QueueEngine old) {
        long deadline = System.nanoTime() + switchTimeout.toNanos();
        QueueEngine now;
        synchronized (engineLock) {
            while ((engine == null || engine == old || engine.store() != target.store())
                    && System.nanoTime() < deadline) {
                try {
                    engineLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QmgrServiceUnavailableException("interrupted while the engine switched to " + target, e);
                }
            }
            now = engine;
        }
        if (now == null || now == old || now.store() != target.store()) {
            throw new QmgrServiceUnavailableException("the queue was copied to " + target + " and "
                    + EngineConfig.PID + " points at it, but the engine did not start on it within "
                    + switchTimeout.toSeconds() + " s; see the log");
        }
        now.queries(); // waits for the queue to be loaded from the new store
    }

    private StoreMigration.Store activeStore(QueueEngine e) {
        StoreMigration.Store s = stores.get(e.store());
        if (s == null) {
            throw new QmgrServiceUnavailableException("the engine's store is not registered as a named queue store");
        }
        return s;
    }

    private QueueEngine requireEngine() {
        QueueEngine e = currentEngine();
        if (e == null) {
            throw new QmgrServiceUnavailableException("the queue engine is not running (no queue store bound)");
        }
        return e;
    }

    private QueueEngine currentEngine() {
        synchronized (engineLock) {
            return engine;
        }
    }

    private static StoreInfo info(StoreMigration.Store s, boolean active) {
        try {
            QueueCopier.Snapshot snapshot = QueueCopier.read(s.store());
            return new StoreInfo(s.name(), s.serviceId(), active, snapshot.groups().size(), snapshot.jobCount(),
                    snapshot.fileCount());
        } catch (QueueStoreException e) {
            LOG.debug("store {} could not be read: {}", s, e.getMessage());
            return new StoreInfo(s.name(), s.serviceId(), active, -1, -1, -1);
        }
    }

    /** Logs the engine's store once when first known and again whenever it changes. */
    private void logStore() {
        String previous;
        String current;
        synchronized (engineLock) {
            StoreMigration.Store s = engine == null ? null : stores.get(engine.store());
            if (s == null || s.toString().equals(loggedStore)) {
                return;
            }
            previous = loggedStore;
            current = s.toString();
            loggedStore = current;
        }
        if (previous == null) {
            LOG.info("queue store is {}", current);
        } else {
            LOG.info("queue store switched from {} to {}", previous, current);
        }
    }

    /** Sets {@code store.target} of the engine's configuration, keeping its other properties. */
    private static void updateStoreTarget(ConfigurationAdmin configAdmin, String target) throws IOException {
        // Location "?" leaves the configuration unbound, as Karaf's file installer creates it; the installer
        // writes the change back to etc/org.qmgr.engine.cfg, so the choice survives a restart.
        Configuration config = configAdmin.getConfiguration(EngineConfig.PID, "?");
        Dictionary<String, Object> properties = config.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(STORE_TARGET, target);
        config.update(properties);
    }
}
