package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's leases on the groups it transfers: a transfer starts under a lease claimed in the transaction
 * that stores TRANSFERRING, keeps it by byte progress, fences every write of its worker with it and gives it
 * back when it ends. Nodes sharing one store thereby never transfer one group at once, and a node whose lease
 * was taken over commits nothing more. Every method but {@link #renewalDue} needs the engine lock.
 */
final class GroupLeases {

    private static final Logger LOG = LoggerFactory.getLogger(GroupLeases.class);

    /** What became of an attempt to start a group. */
    enum Start {
        /** Claimed and stored TRANSFERRING: a worker may run. */
        STARTED,
        /** Another node holds a live lease: the group stays QUEUED here and is claimed again later. */
        BUSY,
        /** The stored group no longer waits to run (another node changed or cancelled it); the cache follows. */
        CHANGED,
        /** The store cannot be written now. */
        UNAVAILABLE
    }

    /** The stored group with its jobs and files ({@code jobs} {@code null}: the cached ones are newer). */
    private record Snapshot(GroupRecord group, List<JobRecord> jobs, Map<UUID, List<FileRecord>> files) {
    }

    /** A claim's outcome: no lease when another node holds it. */
    private record Claim(Lease lease, Snapshot stored) {
    }

    /** Rolls the start transaction back, its claim included: the stored group ({@code null}: gone) won't run. */
    private static final class NotStartable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Snapshot stored;

        NotStartable(Snapshot stored) {
            super(null, null, false, false);
            this.stored = stored;
        }
    }

    private final QueueCore core;
    private final ScheduledExecutorService timers;
    private final Runnable kick;

    GroupLeases(QueueCore core, ScheduledExecutorService timers, Runnable kick) {
        this.core = core;
        this.timers = timers;
        this.kick = kick;
    }

    /**
     * Starts a QUEUED group in one transaction: claims its lease, reads its jobs and files back (another node
     * may have moved them on since this node cached them), checks that the stored group still waits to run and
     * stores it TRANSFERRING. The cache follows the outcome.
     */
    Start start(GroupEntry g) {
        EngineSettings s = core.settings();
        GroupRecord transferring = g.record().toBuilder().state(GroupState.TRANSFERRING).build();
        List<FileRecord> unsaved = core.filesToSave(g);
        // Notifications of files committed in an outage go with the files that caused them.
        List<QueueEvent> kept = core.eventsToSave(g);
        List<QueueEvent> stored = new ArrayList<>();
        Claim claim;
        try {
            claim = core.write(tx -> {
                Claim c = claim(tx, g.id(), s, transferring, unsaved);
                if (c.lease() != null) {
                    stored.addAll(core.storeNotifications(tx, kept));
                }
                return c;
            });
        } catch (NotStartable e) {
            adopt(g, e.stored);
            return Start.CHANGED;
        } catch (QmgrServiceUnavailableException e) {
            // Kicked by timers and by verbs that already succeeded: a store outage is not their failure.
            LOG.debug("group {} not started: {}", g.id(), e.getMessage());
            return Start.UNAVAILABLE;
        }
        if (claim.lease() == null) {
            LOG.debug("group {} not started: another node holds its lease", g.id());
            deferClaim(g);
            return Start.BUSY;
        }
        core.filesSaved(g.id());
        core.committed(stored);
        g.lease = claim.lease();
        g.claimDeferred = false;
        g.record(transferring);
        if (claim.stored().jobs() != null) {
            refresh(g, claim.stored());
        }
        return Start.STARTED;
    }

    /** The start transaction. Rows are locked lease, jobs, files, group: the order of every fenced write. */
    private static Claim claim(StoreTransaction tx, UUID id, EngineSettings s, GroupRecord transferring,
                               List<FileRecord> unsaved) {
        Optional<Lease> lease = tx.claim(id, s.nodeId(), s.leaseTtl());
        if (lease.isEmpty()) {
            return new Claim(null, null);
        }
        List<JobRecord> jobs = null;
        Map<UUID, List<FileRecord>> files = new HashMap<>();
        if (unsaved.isEmpty()) {
            jobs = tx.jobs(id);
            jobs.forEach(j -> files.put(j.jobId(), tx.files(j.jobId())));
        } else {
            // Progress recorded in the cache during an outage is newer than the store's: it goes first.
            unsaved.forEach(tx::updateFile);
        }
        Optional<GroupRecord> stored = tx.group(id);
        if (stored.isEmpty() || !stored.get().state().running()) {
            List<JobRecord> read = jobs;
            throw new NotStartable(stored.map(r -> new Snapshot(r, read, files)).orElse(null));
        }
        tx.updateGroup(transferring);
        return new Claim(lease.get(), new Snapshot(stored.get(), jobs, files));
    }

    /** The cache takes what the store says of a group that will not run here; one INFO line. */
    private void adopt(GroupEntry g, Snapshot stored) {
        if (stored == null) {
            core.groups.remove(g.id());
            g.jobs.forEach(j -> core.jobGroups.remove(j.jobId()));
            core.forgetUnsaved(g.id());
            GroupLog.cancelled(g.id(), g.record().state(), "cancelled on another node");
            return;
        }
        g.record(stored.group(), "changed on another node");
        if (stored.jobs() != null) {
            refresh(g, stored);
        }
    }

    private void refresh(GroupEntry g, Snapshot stored) {
        g.jobs.forEach(j -> core.jobGroups.remove(j.jobId()));
        g.jobs.clear();
        g.files.clear();
        for (JobRecord j : stored.jobs()) {
            g.jobs.add(j);
            g.files(j.jobId()).addAll(stored.files().getOrDefault(j.jobId(), new ArrayList<>()));
            core.jobGroups.put(j.jobId(), g.id());
        }
    }

    /** Another node has the group: try again after half a TTL (a live holder renews within it), not before. */
    private void deferClaim(GroupEntry g) {
        long delayMillis = Math.max(1, core.settings().leaseTtl().toMillis() / 2);
        g.claimDeferred = true;
        g.claimRetryNanos = core.clock().nanos() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        try {
            timers.schedule(kick, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("claim of group {} not retried: the engine is stopping", g.id());
        }
    }

    /** @return whether the group must not be claimed yet (another node held it a moment ago) */
    boolean claimDeferred(GroupEntry g, long nowNanos) {
        return g.claimDeferred && nowNanos - g.claimRetryNanos < 0;
    }

    /**
     * Lock-free, per chunk: whether less than half the lease's TTL is left by this node's clock (or no lease
     * is held), so the worker renews before it writes on. A healthy transfer thus never lets its lease lapse,
     * and one stalled past the TTL writes nothing before learning whether it still holds the group.
     */
    boolean renewalDue(GroupEntry g) {
        Lease held = g.lease;
        return held == null
                || System.currentTimeMillis() >= held.expiresAtMillis() - core.settings().leaseTtl().toMillis() / 2;
    }

    /**
     * @return the lease the group's transfer holds here, for a fenced write
     * @throws LeaseLostException when none is held (lost or released before)
     */
    Lease fence(GroupEntry g) {
        Lease held = g.lease;
        if (held == null) {
            throw new LeaseLostException("node " + core.settings().nodeId() + " holds no lease on group " + g.id(),
                    null);
        }
        return held;
    }

    /** Renews a lease inside a write transaction (LEASE_LOST when it moved); cache the result after commit. */
    Lease renew(StoreTransaction tx, Lease held) {
        return tx.renew(held, core.settings().leaseTtl());
    }

    /**
     * Stores a group state reported by its transfer, fenced by the lease, and gives the lease back in the same
     * transaction when the transfer ends with it.
     *
     * @throws LeaseLostException when the lease moved (nothing is stored)
     */
    void update(GroupEntry g, GroupRecord changed, boolean release) {
        update(g, changed, release, List.of());
    }

    /**
     * As {@link #update(GroupEntry, GroupRecord, boolean)}, storing the events the change causes with it (see
     * {@link QueueCore#persistFenced(GroupEntry, GroupRecord, Lease, boolean, List)}).
     *
     * @throws LeaseLostException when the lease moved (nothing is stored)
     */
    void update(GroupEntry g, GroupRecord changed, boolean release, List<QueueEvent> events) {
        core.persistFenced(g, changed, fence(g), release, events);
        g.record(changed);
        if (release) {
            g.lease = null;
        }
    }

    /** Gives the group's lease back after its transfer stopped; in an outage the lease simply expires. */
    void release(GroupEntry g) {
        Lease held = g.lease;
        g.lease = null;
        if (held == null) {
            return;
        }
        try {
            core.write(tx -> {
                tx.release(held);
                return null;
            });
        } catch (QmgrServiceUnavailableException e) {
            LOG.debug("lease on group {} not released ({}); it expires by itself", g.id(), e.getMessage());
        }
    }

    /** The group's lease moved to another node: one WARN line; the group is claimed again only later. */
    void lost(GroupEntry g, LeaseLostException e) {
        Lease held = g.lease;
        g.lease = null;
        deferClaim(g);
        if (held == null) {
            LOG.debug("group {}: {}", g.id(), e.getMessage());
            return;
        }
        LOG.warn("node {} lost its lease on group {} (epoch {}): {}; its transfer here stopped without committing "
                + "more, the group is left to the new holder", held.nodeId(), g.id(), held.epoch(), e.getMessage());
    }
}
