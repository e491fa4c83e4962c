package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.api.QmgrInvalidStateException.Reason;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.StoreWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's state: the cache of groups rebuilt from the store, the lock that guards it, store access
 * with error mapping, and the event outbox drained to notification sinks outside the lock.
 * <p>
 * Lock order: the engine lock is never held while calling a transport, a sink or a listener, nor while
 * waiting for a worker.
 */
final class QueueCore {

    private static final Logger LOG = LoggerFactory.getLogger(QueueCore.class);

    final Object lock = new Object();
    /** Groups in creation order. Guarded by {@link #lock}. */
    final Map<UUID, GroupEntry> groups = new LinkedHashMap<>();
    /** Job id → group id, across the queue. Guarded by {@link #lock}. */
    final Map<UUID, UUID> jobGroups = new HashMap<>();

    private final QueueStore store;
    private final Supplier<EngineSettings> settings;
    private final Queue<QueueEvent> outbox = new ConcurrentLinkedQueue<>();
    private final List<NotificationSink> sinks = new CopyOnWriteArrayList<>();
    private final MonotonicClock clock;
    private volatile boolean active = true;
    private volatile QueueView view;
    /** Why the queue is held still (no transfer starts), or {@code null}; see {@link #hold}. */
    private volatile String held;
    /** While set, every store write is refused; see {@link #freeze}. */
    private volatile boolean frozen;

    QueueCore(QueueStore store, Supplier<EngineSettings> settings, MonotonicClock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    EngineSettings settings() {
        return settings.get();
    }

    MonotonicClock clock() {
        return clock;
    }

    QueueStore store() {
        return store;
    }

    boolean isActive() {
        return active;
    }

    void deactivate() {
        active = false;
    }

    /** Holds the queue still (a store migration): the scheduler starts no transfer until {@link #release}. */
    void hold(String why) {
        held = why;
    }

    /** While held, also refuses every store write with {@code QM_E_SERVICE_UNAVAILABLE} naming the hold. */
    void freeze() {
        frozen = true;
    }

    /** Ends {@link #hold} and {@link #freeze}. */
    void release() {
        frozen = false;
        held = null;
    }

    /** @return whether a store migration holds the queue still */
    boolean isHeld() {
        return held != null;
    }

    /** @param queueView the view sinks receive with every event */
    void view(QueueView queueView) {
        this.view = queueView;
    }

    void addSink(NotificationSink sink) {
        sinks.add(sink);
    }

    void removeSink(NotificationSink sink) {
        sinks.remove(sink);
    }

    /** Fails with {@code QM_E_SERVICE_UNAVAILABLE} once the engine has stopped (spec A-33). */
    void checkActive() {
        if (!active) {
            throw new QmgrServiceUnavailableException("the queue manager service is not available");
        }
    }

    /**
     * The cached group for a handle. Call with the lock held.
     *
     * @throws QmgrInvalidStateException (CANCELLED) when the group is gone
     */
    GroupEntry live(UUID groupId) {
        checkActive();
        GroupEntry g = groups.get(groupId);
        if (g == null) {
            throw new QmgrInvalidStateException(Reason.CANCELLED, "group " + groupId + " is cancelled");
        }
        return g;
    }

    /** Runs a write transaction; a store failure becomes {@code QM_E_SERVICE_UNAVAILABLE}. */
    <T> T write(StoreWork<T> work) {
        if (frozen) {
            throw new QmgrServiceUnavailableException(held == null ? "the queue is held" : held);
        }
        try {
            return store.write(work);
        } catch (QueueStoreException e) {
            LOG.error("queue store write failed: {}", e.getMessage(), e);
            throw new QmgrServiceUnavailableException("the queue store is not available: " + e.getMessage(), e);
        }
    }

    /** Stores a changed group record and caches it. Call with the lock held. */
    void update(GroupEntry g, GroupRecord changed) {
        write(tx -> {
            tx.updateGroup(changed);
            return null;
        });
        g.record = changed;
    }

    /** Rebuilds the cache from the store; running groups go back to QUEUED (spec §1.9). */
    void load() {
        List<GroupEntry> loaded = new ArrayList<>();
        store.write(tx -> {
            for (GroupRecord r : tx.groups()) {
                GroupRecord record = r;
                if (r.state().running()) {
                    record = r.toBuilder().state(GroupState.QUEUED).build();
                    tx.updateGroup(record);
                }
                GroupEntry g = new GroupEntry(record);
                for (JobRecord j : tx.jobs(r.groupId())) {
                    g.jobs.add(j);
                    g.files(j.jobId()).addAll(tx.files(j.jobId()));
                }
                loaded.add(g);
            }
            return null;
        });
        synchronized (lock) {
            groups.clear();
            jobGroups.clear();
            long now = clock.nanos();
            for (GroupEntry g : loaded) {
                g.lastProgressNanos = now;
                groups.put(g.id(), g);
                g.jobs.forEach(j -> jobGroups.put(j.jobId(), g.id()));
            }
        }
        LOG.info("queue loaded: {} groups", loaded.size());
    }

    /** Queues an event; {@link #flushEvents()} publishes it once the lock is released. */
    void emit(QueueEvent.Type type, GroupEntry g, UUID jobId, int fileIndex, int status, int retries, int win32,
              int transport) {
        outbox.add(new QueueEvent(type, g.id(), g.record.owner(), jobId, fileIndex, status, retries, win32,
                transport, g.record.notifyFlags(), g.record.notifyClsid(), System.currentTimeMillis()));
    }

    /** Publishes queued events to the sinks. Never call with the lock held. */
    void flushEvents() {
        QueueEvent e;
        while ((e = outbox.poll()) != null) {
            for (NotificationSink sink : sinks) {
                try {
                    sink.publish(e, view);
                } catch (RuntimeException ex) {
                    LOG.warn("notification sink {} failed on {}", sink, e.type(), ex);
                }
            }
        }
    }
}
