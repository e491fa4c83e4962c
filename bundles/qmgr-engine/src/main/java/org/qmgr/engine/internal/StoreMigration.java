package org.qmgr.engine.internal;

import java.io.IOException;
import java.util.Map;

import org.qmgr.api.QmgrException;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store migration, up to the switch: holds the engine still, copies its store into the target and
 * points the engine at the target. If any step fails, the copy is taken back out of the target, the engine
 * is released on its old store, and the failure is reported as a {@link QmgrException}.
 */
final class StoreMigration {

    private static final Logger LOG = LoggerFactory.getLogger(StoreMigration.class);

    /** Points the engine at another store: in OSGi, by its configuration. */
    @FunctionalInterface
    interface Switch {
        /**
         * @param storeTarget the filter selecting the new store
         * @throws IOException when the configuration cannot be written
         */
        void to(String storeTarget) throws IOException;
    }

    /**
     * A store service as the migration names it.
     *
     * @param name       its {@code qmgr.store.name}
     * @param serviceId  its {@code service.id}
     * @param store      the service
     * @param properties its service properties, for matching a filter
     */
    record Store(String name, long serviceId, QueueStore store, Map<String, Object> properties) {
        Store {
            properties = Map.copyOf(properties);
        }

        @Override
        public String toString() {
            return name + " (service " + serviceId + ")";
        }
    }

    private StoreMigration() {
    }

    /**
     * @param engine      the engine, running on {@code from}
     * @param from        the active store
     * @param to          an empty store
     * @param storeTarget the filter to select {@code to} with
     * @param sw          how to point the engine at it
     * @return what was copied (the engine is still held; the switch replaces it)
     */
    static QueueCopier.Snapshot run(QueueEngine engine, Store from, Store to, String storeTarget, Switch sw) {
        engine.queries(); // the queue must be loaded before it is held
        try {
            QueueCopier.requireEmpty(to.store(), to.name());
        } catch (QueueStoreException e) {
            throw new QmgrServiceUnavailableException("reading store " + to.name() + " failed: " + e.getMessage(), e);
        }
        QueueHold hold = QueueHold.hold(engine);
        QueueCopier.Snapshot copied = null;
        boolean switched = false;
        String step = "reading store " + from.name();
        try {
            QueueCopier.Snapshot source = QueueCopier.read(from.store());
            step = "writing store " + to.name();
            copied = QueueCopier.copy(source, to.store(), to.name());
            step = "updating the configuration " + EngineConfig.PID;
            sw.to(storeTarget);
            switched = true;
            return copied;
        } catch (QmgrException e) {
            throw e;
        } catch (QueueStoreException | IOException e) {
            throw new QmgrServiceUnavailableException(step + " failed: " + e.getMessage(), e);
        } finally {
            if (!switched) {
                if (copied != null) {
                    discard(copied, to);
                }
                hold.release();
                LOG.warn("queue migration from {} to {} failed while {}; the engine stays on {}", from, to, step,
                        from.name());
            }
        }
    }

    /** Takes a committed copy back out of the target, so that a later attempt finds it empty. */
    private static void discard(QueueCopier.Snapshot copied, Store to) {
        try {
            to.store().write(tx -> {
                copied.groups().forEach(g -> tx.deleteGroup(g.groupId()));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("the copy could not be removed from store {}; empty it before migrating there again: {}", to,
                    e.getMessage(), e);
        }
    }
}
