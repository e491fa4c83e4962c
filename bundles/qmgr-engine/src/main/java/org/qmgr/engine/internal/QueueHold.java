package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.List;

import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one engine's queue still for a store migration: no transfer starts, running transfers stop after
 * their final checkpoint and go back to QUEUED, then every store write is refused, so the store no longer
 * changes while it is copied. {@link #release()} undoes all of it when the migration fails.
 */
final class QueueHold {

    /** The refusal callers see while the queue is held. */
    static final String MIGRATING = "the queue is being migrated";

    private static final Logger LOG = LoggerFactory.getLogger(QueueHold.class);
    /** How long a stopping transfer may take to write its final checkpoint. */
    private static final long STOP_AWAIT_MILLIS = 10_000;

    private final QueueCore core;
    private final Scheduler scheduler;

    private QueueHold(QueueEngine engine) {
        this.core = engine.core();
        this.scheduler = engine.scheduler();
    }

    /**
     * Holds the engine's queue still; returns once nothing writes to its store any more.
     *
     * @param engine a loaded engine
     * @return the hold, to {@link #release()} if the migration fails
     * @throws QmgrServiceUnavailableException when the running groups cannot be stored as QUEUED (then
     *         nothing is held)
     */
    static QueueHold hold(QueueEngine engine) {
        QueueHold hold = new QueueHold(engine);
        hold.stopTransfers();
        return hold;
    }

    private void stopTransfers() {
        core.hold(MIGRATING);
        List<GroupWorker> workers = new ArrayList<>();
        RuntimeException failure = null;
        synchronized (core.lock) {
            List<GroupEntry> running = new ArrayList<>();
            for (GroupEntry g : core.groups.values()) {
                if (g.worker != null) {
                    workers.add(scheduler.detachWorker(g));
                    running.add(g);
                }
            }
            try {
                requeue(running);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        // Signal every transfer first, then wait for each: they stop in parallel, each writing its checkpoint.
        workers.forEach(w -> w.stop(false, 0));
        workers.forEach(w -> w.stop(false, STOP_AWAIT_MILLIS));
        if (failure != null) {
            release();
            throw failure;
        }
        // Taking the lock waits out a command writing right now; every later write is refused.
        synchronized (core.lock) {
            core.freeze();
        }
        LOG.info("queue held for a store migration; {} transfer(s) stopped", workers.size());
    }

    /**
     * Lets the queue go on after a failed migration: writes are accepted again, and groups left running
     * without a transfer or a retry timer (a retry that fell due while writes were refused) are queued.
     */
    void release() {
        synchronized (core.lock) {
            core.release();
            List<GroupEntry> stranded = core.groups.values().stream()
                    .filter(g -> g.record().state().running() && g.record().state() != GroupState.QUEUED
                            && g.worker == null && g.retryTimer == null)
                    .toList();
            try {
                requeue(stranded);
            } catch (QmgrServiceUnavailableException e) {
                LOG.warn("{} group(s) could not be queued again after the migration stopped: {}", stranded.size(),
                        e.getMessage());
            }
        }
        scheduler.kick();
        LOG.info("queue released; transfers continue on the same store");
    }

    /** Stores the groups as QUEUED in one transaction, then caches that. Call with the lock held. */
    private void requeue(List<GroupEntry> groups) {
        if (groups.isEmpty()) {
            return;
        }
        List<GroupRecord> queued = groups.stream()
                .map(g -> g.record().toBuilder().state(GroupState.QUEUED).build()).toList();
        core.write(tx -> {
            queued.forEach(tx::updateGroup);
            return null;
        });
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).record(queued.get(i));
        }
    }
}
