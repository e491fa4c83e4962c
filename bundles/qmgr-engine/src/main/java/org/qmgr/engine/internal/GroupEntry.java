package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;

/**
 * The engine's cached view of one group: the stored records plus what only lives in memory (the worker,
 * the retry timer, live byte counts). Guarded by the engine lock, except {@link #live}, which transfers
 * update without it, and the volatile fields they read without it.
 */
final class GroupEntry {

    /** The record as stored (or, in an outage or after a lost lease, as this node sees it); see {@link #record(GroupRecord)}. */
    private GroupRecord record;
    final List<JobRecord> jobs = new ArrayList<>();
    final Map<UUID, List<FileRecord>> files = new HashMap<>();

    /** The transfer running for this group, or {@code null}. */
    GroupWorker worker;
    /** The pending retry, or {@code null}. */
    ScheduledFuture<?> retryTimer;
    /**
     * This node's lease on the group while its transfer runs or stops, else {@code null} ({@link GroupLeases}).
     * Written under the engine lock; volatile because the worker checks it per chunk without the lock.
     */
    volatile Lease lease;
    /** Whether another node held the group's lease at the last claim; then not claimed before the time below. */
    boolean claimDeferred;
    /** Monotonic time from which the group may be claimed again, when {@link #claimDeferred}. */
    long claimRetryNanos;
    /**
     * The caps the group's transfer pays each chunk into ({@link Bandwidth}); set before its worker starts and
     * whenever the scheduler runs, so a changed foreground flag or priority applies to the next chunk.
     * Volatile because the worker reads it per chunk without the lock.
     */
    volatile Throttle throttle;
    /** Bytes of the files now transferring, by file; written by their transfers without the lock. */
    final Map<FileKey, LiveFile> live = new ConcurrentHashMap<>();
    /** Monotonic time of the last progress or resume (spec §1.8 no-progress timer). */
    volatile long lastProgressNanos;
    /** Monotonic time the current TRANSFERRING period started, or 0. */
    long activeSinceNanos;
    /** Monotonic time this group last got a background slot (round-robin order). */
    long lastScheduledNanos;
    /** The last transfer failure in words, for display; cleared on resume. Not persisted. */
    String errorDescription;
    /** The transports the running transfer uses (in {@link Scheduler#target}); cleared when it ends. */
    final TransportUse transportUse = new TransportUse();
    /** Directly bound callback (spec §2.2.15); never persisted. */
    BackgroundCopyCallback directCallback;

    GroupEntry(GroupRecord record) {
        this.record = record;
    }

    GroupRecord record() {
        return record;
    }

    /** Replaces the cached record; a state change is logged here, once ({@link GroupLog}). Call with the lock held. */
    void record(GroupRecord changed) {
        record(changed, null);
    }

    /** As {@link #record(GroupRecord)}, with the reason to log for a state change ({@code null}: derived). */
    void record(GroupRecord changed, String reason) {
        GroupRecord old = record;
        record = changed;
        GroupLog.changed(old, changed, reason, errorDescription);
    }

    UUID id() {
        return record.groupId();
    }

    List<FileRecord> files(UUID jobId) {
        return files.computeIfAbsent(jobId, k -> new ArrayList<>());
    }

    /** @return every file of every job, in transfer order */
    List<FileRecord> allFiles() {
        List<FileRecord> all = new ArrayList<>();
        jobs.forEach(j -> all.addAll(files(j.jobId())));
        return all;
    }

    boolean hasPendingFile() {
        return allFiles().stream().anyMatch(f -> !f.completed());
    }

    int jobIndexOf(UUID jobId) {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).jobId().equals(jobId)) {
                return i;
            }
        }
        return -1;
    }

    void replaceFile(FileRecord file) {
        files(file.jobId()).set(file.index(), file);
    }

    /** @return the bytes a transfer holds of the file now, or its stored count when it is not transferring */
    long liveBytes(FileRecord f) {
        LiveFile l = live.isEmpty() ? null : live.get(new FileKey(f.jobId(), f.index()));
        return l == null ? f.bytesDone() : l.bytes;
    }

    /** A file of the group: its job and index. */
    record FileKey(UUID jobId, int index) {

        static FileKey of(FileRecord f) {
            return new FileKey(f.jobId(), f.index());
        }
    }

    /** Byte count of a file being transferred, updated by its transfer's thread. */
    static final class LiveFile {
        final FileKey key;
        volatile long bytes;

        LiveFile(FileKey key, long bytes) {
            this.key = key;
            this.bytes = bytes;
        }
    }
}
