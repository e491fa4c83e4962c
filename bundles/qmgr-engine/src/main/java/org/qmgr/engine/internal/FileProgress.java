package org.qmgr.engine.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.engine.internal.GroupWorker.StopSignal;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.Lease;

/**
 * Records what transfers learn about their files, as holders of their groups' leases: progress checkpoints
 * (each renews the lease), the renewals byte progress needs between them, and the fenced commit of a finished
 * file. Called on transfer threads; each store write takes the engine lock.
 */
final class FileProgress {

    private final QueueCore core;
    private final GroupLeases leases;

    FileProgress(QueueCore core, GroupLeases leases) {
        this.core = core;
        this.leases = leases;
    }

    long nanos() {
        return core.clock().nanos();
    }

    /**
     * Stores a progress checkpoint or a size, renewing the group's lease in the same transaction (progress keeps
     * it); ignored once the group or job is gone.
     *
     * @throws LeaseLostException when the lease moved: nothing is stored
     */
    void checkpoint(GroupWorker w, FileRecord f) {
        synchronized (core.lock) {
            GroupEntry g = storeFile(w, f);
            if (g != null && g.record.retries() != 0 && f.bytesDone() > 0 && g.worker == w) {
                leases.update(g, g.record.toBuilder().retries(0).build(), false);
            }
        }
    }

    /** Bytes arrived: restarts the no-progress timer (spec §1.8). Lock-free, called per chunk. */
    void progressed(GroupWorker w) {
        w.entry.lastProgressNanos = nanos();
    }

    /**
     * Lock-free, per chunk: whether the worker must renew its lease (with a {@link #checkpoint}) before it
     * writes to its temp file again.
     */
    boolean leaseRenewalDue(GroupWorker w) {
        return leases.renewalDue(w.entry);
    }

    /** Renews the worker's lease with a checkpoint of {@code f} when that is due; see {@link #leaseRenewalDue}. */
    void keepLease(GroupWorker w, FileRecord f) {
        if (leaseRenewalDue(w)) {
            checkpoint(w, f);
        }
    }

    /**
     * Stores a file record as the lease holder, renewing the lease, and caches it (lock held); {@code null} when
     * the group or job is gone.
     */
    private GroupEntry storeFile(GroupWorker w, FileRecord f) {
        GroupEntry g = core.groups.get(w.groupId);
        // A stopped worker may still record where it stopped, but never over a newer worker's progress.
        if (g == null || (g.worker != null && g.worker != w) || !core.jobGroups.containsKey(f.jobId())) {
            return null;
        }
        Lease held = leases.fence(g);
        try {
            g.lease = core.write(tx -> {
                Lease renewed = leases.renew(tx, held);
                tx.updateFile(f);
                return renewed;
            });
        } catch (QmgrServiceUnavailableException e) {
            if (core.isOutage(e)) {
                // The bytes are on disk: the resumed transfer needs this record (its temp file).
                core.keepUnsaved(g, f);
            }
            throw e;
        }
        g.replaceFile(f);
        return g;
    }

    boolean checkpointDue(long bytesSince, long sinceNanos) {
        EngineSettings s = core.settings();
        return bytesSince >= s.checkpointBytes() || nanos() - sinceNanos >= s.checkpointInterval().toNanos();
    }

    /**
     * Commits a finished file as the lease holder, in one transaction: verifies the lease (the store locks it
     * until the commit), records the file complete, and moves it onto its local path before the transaction
     * commits. A moved lease refuses all of it, so a node that lost its lease never replaces the local file.
     * When the store is down before the move, nothing is committed: the complete temp file waits for the store
     * (its record cached). When only the commit failed, the cache records the file committed and the exception
     * stops the worker until the store is back.
     *
     * @param held      the file's record with every byte held in its temp file
     * @param completed the record of the committed file
     * @param move      the rename onto the local path; fails with unchecked exceptions only
     * @throws StopSignal         when the group or job is gone, or a newer transfer of the group runs here
     * @throws LeaseLostException when the lease moved: nothing is moved nor stored
     */
    void commitFile(GroupWorker w, FileRecord held, FileRecord completed, Runnable move) throws StopSignal {
        QmgrServiceUnavailableException down = null;
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(w.groupId);
            if (g == null || (g.worker != null && g.worker != w) || !core.jobGroups.containsKey(completed.jobId())) {
                throw new StopSignal();
            }
            Lease fence = leases.fence(g);
            AtomicBoolean moved = new AtomicBoolean();
            try {
                core.write(tx -> {
                    tx.verify(fence);
                    tx.updateFile(completed);
                    move.run();
                    moved.set(true);
                    return null;
                });
            } catch (QmgrServiceUnavailableException e) {
                if (!core.isOutage(e)) {
                    throw e;
                }
                core.keepUnsaved(g, moved.get() ? completed : held);
                if (!moved.get()) {
                    throw e;
                }
                down = e;
            }
            g.replaceFile(completed);
            g.live = null;
            int status = StatusWords.groupStatus(g);
            core.emit(QueueEvent.Type.FILE_COMMITTED, g, completed.jobId(), completed.index(), status, 0, 0, 0);
            if (g.files(completed.jobId()).stream().allMatch(FileRecord::completed)) {
                core.emit(QueueEvent.Type.JOB_COMPLETED, g, completed.jobId(), -1, status, 0, 0, 0);
            }
        }
        core.flushEvents();
        if (down != null) {
            throw down;
        }
    }
}
