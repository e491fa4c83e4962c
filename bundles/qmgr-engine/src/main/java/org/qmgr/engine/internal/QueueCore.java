package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.api.QmgrInvalidStateException.Reason;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.notify.ProgressEvent;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.StoreTransaction;
import org.qmgr.spi.store.StoreWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's state: the cache of groups rebuilt from the store, the lock that guards it, store access
 * with error mapping and outage tracking ({@link StoreHealth}), and the event outbox drained to notification
 * sinks outside the lock.
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
    /**
     * Groups whose cached file records are ahead of the store: a worker's checkpoint or commit failed in an
     * outage, and the bytes it describes are on disk. The group's next {@link #update} stores them. Guarded by
     * {@link #lock}.
     */
    private final Set<UUID> unsavedFiles = new HashSet<>();
    /**
     * Listener notifications of groups whose files were committed in an outage (see {@link #keepUnsaved}): they
     * are stored, then published, with the group's next write. Guarded by {@link #lock}.
     */
    private final Map<UUID, List<QueueEvent>> unsavedEvents = new HashMap<>();

    private final QueueStore store;
    /** The same store, its transactions out of reach of the callers' interrupts. */
    private final QueueStore shielded;
    private final StoreHealth health;
    private final Supplier<EngineSettings> settings;
    /** Committed {@link QueueEvent}s and {@link ProgressEvent}s not yet published, in the order raised. */
    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    /** Publishes the outbox one thread at a time, so sinks see events in the order they happened. */
    private final ReentrantLock publishing = new ReentrantLock();
    private final List<NotificationSink> sinks = new CopyOnWriteArrayList<>();
    private final MonotonicClock clock;
    private final TransferMetrics metrics;
    private volatile boolean active = true;
    private volatile QueueView view;
    /** Why the queue is held still (no transfer starts), or {@code null}; see {@link #hold}. */
    private volatile String held;
    /** While set, every store write is refused; see {@link #freeze}. */
    private volatile boolean frozen;

    QueueCore(QueueStore store, StoreHealth health, Supplier<EngineSettings> settings, MonotonicClock clock) {
        this.store = store;
        this.shielded = new InterruptShieldedStore(store);
        this.health = health;
        this.settings = settings;
        this.clock = clock;
        this.metrics = new TransferMetrics(clock);
    }

    /** @return this engine's transfer counters */
    TransferMetrics metrics() {
        return metrics;
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

    StoreHealth health() {
        return health;
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

    /**
     * Runs a write transaction. While the store is unavailable it fails at once; an outage (store unreachable,
     * corrupt or too new) is recorded in {@link StoreHealth}, once; either way the caller gets
     * {@code QM_E_SERVICE_UNAVAILABLE} and, since the cache is changed only after this returns, an unchanged queue.
     * A fenced write refused because the lease moved fails with {@link LeaseLostException}.
     */
    <T> T write(StoreWork<T> work) {
        if (frozen) {
            throw new QmgrServiceUnavailableException(held == null ? "the queue is held" : held);
        }
        RuntimeException down = health.cause();
        if (down != null) {
            throw health.unavailable(down);
        }
        try {
            T result = shielded.write(work);
            health.succeeded();
            return result;
        } catch (QueueStoreException e) {
            if (e.reason() == QueueStoreException.Reason.LEASE_LOST) {
                // The store answered: it refused a fenced write of a node whose lease moved (GroupLeases).
                health.succeeded();
                throw new LeaseLostException(e.getMessage(), e);
            }
            if (outage(e)) {
                health.failed(e);
                throw health.unavailable(e);
            }
            // Not an outage: the store refused this one write (a rule broken), which is a defect to see in full.
            LOG.error("queue store write refused: {}", e.getMessage(), e);
            throw new QmgrServiceUnavailableException("the queue store refused a write: " + e.getMessage(), e);
        }
    }

    /** @return whether the store failure means the store is down, not that it refused one write */
    private static boolean outage(QueueStoreException e) {
        return e.reason() == QueueStoreException.Reason.UNAVAILABLE
                || e.reason() == QueueStoreException.Reason.SCHEMA_TOO_NEW;
    }

    /** @return whether a failed store call was an outage (wait for the store) rather than a refused write */
    boolean isOutage(QmgrServiceUnavailableException e) {
        return !health.available() || (e.getCause() instanceof QueueStoreException q && outage(q));
    }

    /** Stores a changed group record and caches it. Call with the lock held. */
    void update(GroupEntry g, GroupRecord changed) {
        persist(g, changed);
        g.record(changed);
    }

    /**
     * As {@link #update}, with events caused by the change: those due to listeners are stored in the same
     * transaction (the outbox), and all are published once the lock is released ({@link #flushEvents}).
     */
    void update(GroupEntry g, GroupRecord changed, List<QueueEvent> events) {
        persistFenced(g, changed, null, false, events);
        g.record(changed);
    }

    /**
     * Stores a changed group record, with the group's file records the store has not got yet, without
     * caching it. Call with the lock held.
     */
    void persist(GroupEntry g, GroupRecord changed) {
        persistFenced(g, changed, null, false);
    }

    /**
     * As {@link #persist}, as the holder of a lease: the store verifies it first, and gives it back in the same
     * transaction when {@code release}. Call with the lock held.
     *
     * @param lease   the lease that fences the write, or {@code null} for none
     * @param release whether to give the lease back
     * @throws LeaseLostException when the lease moved (nothing is stored)
     */
    void persistFenced(GroupEntry g, GroupRecord changed, Lease lease, boolean release) {
        persistFenced(g, changed, lease, release, List.of());
    }

    /**
     * As {@link #persistFenced(GroupEntry, GroupRecord, Lease, boolean)}, storing the events due to listeners
     * in the same transaction; every event is published after it commits. On failure nothing is stored and
     * nothing published: the caller's change did not happen.
     */
    void persistFenced(GroupEntry g, GroupRecord changed, Lease lease, boolean release, List<QueueEvent> events) {
        List<FileRecord> files = filesToSave(g);
        List<QueueEvent> all = withUnsavedEvents(g, events);
        List<QueueEvent> committed = write(tx -> {
            if (lease != null) {
                tx.verify(lease);
            }
            for (FileRecord f : files) {
                tx.updateFile(f);
            }
            tx.updateGroup(changed);
            List<QueueEvent> numbered = storeNotifications(tx, all);
            if (lease != null && release) {
                tx.release(lease);
            }
            return numbered;
        });
        filesSaved(g.id());
        outbox.addAll(committed);
    }

    private List<QueueEvent> withUnsavedEvents(GroupEntry g, List<QueueEvent> events) {
        List<QueueEvent> earlier = unsavedEvents.get(g.id());
        if (earlier == null) {
            return events;
        }
        List<QueueEvent> all = new ArrayList<>(earlier);
        all.addAll(events);
        return all;
    }

    /**
     * Inside a write transaction: stores the events due to listeners in the outbox, each under the next
     * sequence number. Pass the result to {@link #committed} once the transaction committed.
     *
     * @return the events in their order, those stored with their sequence
     */
    List<QueueEvent> storeNotifications(StoreTransaction tx, List<QueueEvent> events) {
        List<QueueEvent> numbered = new ArrayList<>(events.size());
        for (QueueEvent e : events) {
            if (e.notifiesListeners() && !e.stored()) {
                QueueEvent stored = e.withSequence(tx.nextSequence());
                tx.insertNotification(stored);
                numbered.add(stored);
            } else {
                numbered.add(e);
            }
        }
        return numbered;
    }

    /** Queues events whose transaction committed, for {@link #flushEvents}. Call with the lock held. */
    void committed(List<QueueEvent> events) {
        outbox.addAll(events);
    }

    /**
     * Keeps events of files committed in an outage (their transaction failed after the files were moved), to be
     * stored and published with the group's next write. Call with the lock held.
     */
    void keepUnsaved(GroupEntry g, List<QueueEvent> events) {
        if (!events.isEmpty()) {
            unsavedEvents.computeIfAbsent(g.id(), id -> new ArrayList<>()).addAll(events);
        }
    }

    /** @return the group's file records the store has not got yet: all of them, or none. Call with the lock held. */
    List<FileRecord> filesToSave(GroupEntry g) {
        return unsavedFiles.contains(g.id()) ? g.allFiles() : List.of();
    }

    /**
     * Records that a write carrying {@link #filesToSave} committed. Call with the lock held. The events kept by
     * {@link #keepUnsaved(GroupEntry, List)} must have been part of that write.
     */
    void filesSaved(UUID groupId) {
        unsavedFiles.remove(groupId);
        unsavedEvents.remove(groupId);
    }

    /** Records that a write carrying {@link #eventsToSave} (and not all of {@link #filesToSave}) committed. */
    void eventsSaved(UUID groupId) {
        unsavedEvents.remove(groupId);
    }

    /** @return the kept events of the group the next write must store (see {@link #filesToSave}) */
    List<QueueEvent> eventsToSave(GroupEntry g) {
        return unsavedEvents.getOrDefault(g.id(), List.of());
    }

    /**
     * Caches a file record that could not be stored in an outage (the bytes it describes are on disk), so the
     * group resumes from them; the group's next {@link #update} stores it. Call with the lock held.
     */
    void keepUnsaved(GroupEntry g, FileRecord f) {
        g.replaceFile(f);
        unsavedFiles.add(g.id());
    }

    /** Forgets the unsaved records of a deleted group. Call with the lock held. */
    void forgetUnsaved(UUID groupId) {
        unsavedFiles.remove(groupId);
        unsavedEvents.remove(groupId);
    }

    /**
     * Rebuilds the cache from the store; running groups go back to QUEUED (spec §1.9). A failure is recorded in
     * {@link StoreHealth} (the queue cannot be served without it, whatever the reason) and the cache stays empty.
     *
     * @return whether the queue was loaded
     */
    boolean load() {
        List<GroupEntry> loaded = new ArrayList<>();
        // Running groups as stored before they go back to QUEUED, for the state change log.
        Map<UUID, GroupRecord> storedStates = new HashMap<>();
        try {
            shielded.write(tx -> {
                for (GroupRecord r : tx.groups()) {
                    GroupRecord record = r;
                    if (r.state().running()) {
                        storedStates.put(r.groupId(), r);
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
        } catch (RuntimeException e) {
            if (active) {
                health.failed(e);
            }
            return false;
        }
        synchronized (lock) {
            groups.clear();
            jobGroups.clear();
            long now = clock.nanos();
            for (GroupEntry g : loaded) {
                g.lastProgressNanos = now;
                GroupRecord stored = storedStates.get(g.id());
                if (stored != null) {
                    GroupLog.changed(stored, g.record(), "queue loaded", null);
                }
                groups.put(g.id(), g);
                g.jobs.forEach(j -> jobGroups.put(j.jobId(), g.id()));
            }
        }
        LOG.info("queue loaded: {} groups", loaded.size());
        health.succeeded();
        return true;
    }

    /** One cheap read, to learn whether the store is back; the outcome goes to {@link StoreHealth}. */
    void probe() {
        try {
            shielded.read(tx -> tx.lastSequence());
            health.succeeded();
        } catch (RuntimeException e) {
            health.failed(e);
        }
    }

    /**
     * Queues an event no listener is due (created, resumed, suspended, cancelled): nothing is stored, and
     * {@link #flushEvents()} publishes it once the lock is released. Call with the lock held.
     */
    void emit(QueueEvent.Type type, GroupEntry g, UUID jobId, int fileIndex, int status, int retries, int win32,
              int transport) {
        QueueEvent e = event(type, g.id(), g.record(), jobId, fileIndex, status, retries, win32, transport);
        if (e.notifiesListeners()) {
            throw new IllegalStateException(type + " is due to a listener: store it with its change");
        }
        outbox.add(e);
    }

    /**
     * An event of a group as its record stands (owner and notify flags as they are when it happens, spec §5.2).
     * Store it with {@link #update(GroupEntry, GroupRecord, List)} or {@link #storeNotifications}.
     */
    static QueueEvent event(QueueEvent.Type type, UUID groupId, GroupRecord r, UUID jobId, int fileIndex, int status,
                            int retries, int win32, int transport) {
        return new QueueEvent(type, groupId, r.owner(), jobId, fileIndex, status, retries, win32, transport,
                r.notifyFlags(), r.notifyClsid(), System.currentTimeMillis());
    }

    /**
     * Queues a progress sample ({@link ProgressMonitor}); {@link #flushEvents()} hands it to the sinks once the
     * lock is released, in order with the queue events raised around it.
     */
    void emitProgress(ProgressEvent sample) {
        outbox.add(sample);
    }

    /**
     * Publishes queued events and progress samples to the sinks, in the order they happened: one thread
     * publishes at a time, and a thread that finds another one publishing leaves its events to it. Never call
     * with the lock held.
     */
    void flushEvents() {
        while (!outbox.isEmpty() && publishing.tryLock()) {
            try {
                Object e;
                while ((e = outbox.poll()) != null) {
                    for (NotificationSink sink : sinks) {
                        try {
                            if (e instanceof ProgressEvent p) {
                                sink.progress(p, view);
                            } else {
                                sink.publish((QueueEvent) e, view);
                            }
                        } catch (RuntimeException ex) {
                            LOG.warn("notification sink {} failed on {}", sink,
                                    e instanceof QueueEvent q ? q.type() : "a progress sample", ex);
                        }
                    }
                }
            } finally {
                publishing.unlock();
            }
            // An event queued after the poll found the queue empty but before unlock is published by the loop.
        }
    }

    /**
     * Hands the notifications the store holds to sinks (all, or the one given): at load, and when a sink binds
     * to a loaded queue. A store that cannot be read is left alone: the notifications stay stored.
     *
     * @param only the sink to tell, or {@code null} for every sink
     */
    void handOverStored(NotificationSink only) {
        List<QueueEvent> stored;
        try {
            stored = shielded.read(StoreTransaction::notifications);
        } catch (RuntimeException e) {
            LOG.warn("stored notifications not read; they stay stored: {}", e.toString());
            return;
        }
        if (!stored.isEmpty()) {
            LOG.info("{} stored notification(s) handed over for delivery", stored.size());
        }
        for (NotificationSink sink : only == null ? sinks : List.of(only)) {
            try {
                sink.pending(stored, view);
            } catch (RuntimeException ex) {
                LOG.warn("notification sink {} failed on stored notifications", sink, ex);
            }
        }
    }
}
