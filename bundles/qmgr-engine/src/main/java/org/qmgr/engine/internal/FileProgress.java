package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

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

    /** @return the owner of the worker's group (an administrator may take it over at any time) */
    String ownerOf(GroupWorker w) {
        synchronized (core.lock) {
            return w.entry.record().owner();
        }
    }

    /** @return the engine's settings of the moment */
    EngineSettings settings() {
        return core.settings();
    }

    FileProgress(QueueCore core, GroupLeases leases) {
        this.core = core;
        this.leases = leases;
    }

    /** @return the largest file size that may be stored, 0 for no limit ({@code maxBytesPerFile}) */
    long maxBytesPerFile() {
        return core.settings().maxBytesPerFile();
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
            if (g != null && g.record().retries() != 0 && f.bytesDone() > 0 && g.worker == w) {
                leases.update(g, g.record().toBuilder().retries(0).build(), false);
            }
        }
    }

    /**
     * Bytes were written to a temp file: restarts the no-progress timer (spec §1.8) and counts them for
     * {@link TransferMetrics}. Lock-free, called per chunk.
     */
    void progressed(GroupWorker w, int bytes) {
        w.entry.lastProgressNanos = nanos();
        core.metrics().written(bytes);
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

    /**
     * Caches what a transfer learned of a file that has no stored checkpoint yet (its size and validators from
     * the response headers), without a store write: progress reports see the size at once, and the file's
     * first checkpoint or its commit stores it. Ignored once the group or job is gone.
     */
    void learned(GroupWorker w, List<FileRecord> learned) {
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(w.groupId);
            if (g == null || (g.worker != null && g.worker != w)) {
                return;
            }
            for (FileRecord f : learned) {
                List<FileRecord> files = core.jobGroups.containsKey(f.jobId()) ? g.files(f.jobId()) : List.of();
                // Never over a record the store has moved past meanwhile (a checkpoint, the commit).
                if (f.index() < files.size() && !files.get(f.index()).completed()
                        && files.get(f.index()).bytesDone() == 0) {
                    g.replaceFile(f);
                }
            }
        }
    }

    boolean checkpointDue(long bytesSince, long sinceNanos) {
        EngineSettings s = core.settings();
        return bytesSince >= s.checkpointBytes() || nanos() - sinceNanos >= s.checkpointInterval().toNanos();
    }

    /**
     * Commits finished files as the lease holder, in their order, in one transaction: verifies the lease (the
     * store locks it until the commit), records each file complete and moves it onto its local path, then runs
     * {@code afterMoves} (directory syncs), all before the transaction commits. A moved lease refuses all of it,
     * so a node that lost its lease never replaces a local file. When the store is down before the first move,
     * nothing is committed: the complete temp files wait for the store (their records cached). When the store
     * failed after moves, the cache records those files committed and the exception stops the worker until the
     * store is back.
     *
     * @param batch      files with every byte held in their flushed temp files, in transfer order
     * @param move       the rename of one file onto its local path; fails with unchecked exceptions only
     * @param afterMoves run once every file is moved, inside the transaction
     * @throws StopSignal         when the group or a job is gone, or a newer transfer of the group runs here
     * @throws LeaseLostException when the lease moved: nothing is moved nor stored
     */
    void commitFiles(GroupWorker w, List<FileDownload.Fetched> batch, Consumer<FileDownload.Fetched> move,
                     Runnable afterMoves) throws StopSignal {
        QmgrServiceUnavailableException down = null;
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(w.groupId);
            if (g == null || (g.worker != null && g.worker != w)
                    || !batch.stream().allMatch(b -> core.jobGroups.containsKey(b.held().jobId()))) {
                throw new StopSignal();
            }
            Lease fence = leases.fence(g);
            List<List<QueueEvent>> events = commitEvents(g, batch);
            List<QueueEvent> kept = core.eventsToSave(g);
            int[] moved = {0};
            List<QueueEvent> stored = new ArrayList<>();
            try {
                core.write(tx -> {
                    tx.verify(fence);
                    for (FileDownload.Fetched fetched : batch) {
                        tx.updateFile(fetched.completed());
                        move.accept(fetched);
                        moved[0]++;
                    }
                    afterMoves.run();
                    // The outbox rows commit with the files: a crash can neither lose nor invent a FILE_DONE.
                    stored.addAll(core.storeNotifications(tx, kept));
                    events.forEach(e -> stored.addAll(core.storeNotifications(tx, e)));
                    return null;
                });
                if (!kept.isEmpty()) {
                    core.eventsSaved(g.id());
                }
            } catch (QmgrServiceUnavailableException e) {
                if (!core.isOutage(e)) {
                    throw e;
                }
                for (int i = 0; i < batch.size(); i++) {
                    core.keepUnsaved(g, i < moved[0] ? batch.get(i).completed() : batch.get(i).held());
                }
                for (int i = 0; i < moved[0]; i++) {
                    core.keepUnsaved(g, events.get(i));
                }
                if (moved[0] == 0) {
                    throw e;
                }
                down = e;
            }
            for (int i = 0; i < (down == null ? batch.size() : moved[0]); i++) {
                committed(g, batch.get(i).completed());
            }
            core.committed(stored);
        }
        core.flushEvents();
        if (down != null) {
            throw down;
        }
    }

    /** Caches a committed file, in commit order (lock held). */
    private void committed(GroupEntry g, FileRecord completed) {
        g.replaceFile(completed);
        g.live.remove(GroupEntry.FileKey.of(completed));
    }

    /**
     * The events committing {@code batch} causes, per file in order: FILE_COMMITTED, and JOB_COMPLETED after
     * the file that completes its job (lock held, before the commit).
     */
    private static List<List<QueueEvent>> commitEvents(GroupEntry g, List<FileDownload.Fetched> batch) {
        int status = StatusWords.groupStatus(g);
        Set<GroupEntry.FileKey> inBatch = new HashSet<>();
        List<List<QueueEvent>> events = new ArrayList<>(batch.size());
        for (FileDownload.Fetched fetched : batch) {
            FileRecord f = fetched.completed();
            inBatch.add(GroupEntry.FileKey.of(f));
            List<QueueEvent> fileEvents = new ArrayList<>(2);
            fileEvents.add(QueueCore.event(QueueEvent.Type.FILE_COMMITTED, g.id(), g.record(), f.jobId(), f.index(),
                    status, 0, 0, 0));
            List<FileRecord> jobFiles = g.files(f.jobId());
            // Only the job's last file can complete it, so the job is checked once, not after each of its files.
            if (f.index() == jobFiles.size() - 1 || jobFiles.get(jobFiles.size() - 1).completed()) {
                if (jobFiles.stream().allMatch(j -> j.completed() || inBatch.contains(GroupEntry.FileKey.of(j)))) {
                    fileEvents.add(QueueCore.event(QueueEvent.Type.JOB_COMPLETED, g.id(), g.record(), f.jobId(), -1,
                            status, 0, 0, 0));
                }
            }
            events.add(fileEvents);
        }
        return events;
    }
}
