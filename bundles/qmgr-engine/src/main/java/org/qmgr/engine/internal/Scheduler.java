package org.qmgr.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.api.Win32Results;
import org.qmgr.engine.internal.GroupWorker.StopSignal;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.transport.Credentials;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which groups transfer (spec §1.6): foreground groups at once and concurrently, at most one
 * background group at a time chosen by priority then round-robin, each background turn limited to a time
 * slice when others wait; runs the retry timers (spec §1.8); and records what workers report.
 * <p>
 * While the queue store is unavailable nothing starts, and a transfer whose write fails stops and waits as
 * QUEUED with its temp file; {@link #storeRecovered()} carries on once the store answers again. A transfer runs
 * under this node's lease on its group ({@link GroupLeases}), and what its worker reports is fenced by it.
 */
final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final long STOP_AWAIT_MILLIS = 2000;

    private final QueueCore core;
    private final TransportRegistry transports;
    private final ExecutorService transferPool;
    private final Executor fetchPool;
    private final ScheduledExecutorService timers;
    private final FileDownload download;
    private final GroupLeases leases;
    private final Bandwidth bandwidth;

    /**
     * @param transferPool runs one worker per transferring group
     * @param fetchPool    runs the further files in flight of groups that fetch several files at once
     * @param disk         the destination disk ({@link LocalDisk#REAL} but in tests)
     */
    Scheduler(QueueCore core, TransportRegistry transports, ExecutorService transferPool, Executor fetchPool,
              ScheduledExecutorService timers, LocalDisk disk) {
        this.core = core;
        this.transports = transports;
        this.transferPool = transferPool;
        this.fetchPool = fetchPool;
        this.timers = timers;
        this.leases = new GroupLeases(core, timers, this::kick);
        this.bandwidth = new Bandwidth(core.clock(), () -> core.settings().bandwidth());
        this.download = new FileDownload(new FileProgress(core, leases), disk);
    }

    long nanos() {
        return core.clock().nanos();
    }

    // ---- choosing what runs ------------------------------------------------------------------------

    /** Starts the groups that may transfer now. Safe to call with or without the engine lock. */
    void kick() {
        if (!core.isActive()) {
            return;
        }
        synchronized (core.lock) {
            if (core.isHeld()) {
                return; // a store migration holds the queue still
            }
            EngineSettings s = core.settings();
            int running = 0;
            int backgroundRunning = 0;
            long now = nanos();
            List<GroupEntry> waiting = new ArrayList<>();
            Map<String, Integer> runningByOwner = new HashMap<>();
            for (GroupEntry g : core.groups.values()) {
                if (g.worker != null) {
                    running++;
                    backgroundRunning += g.record().foreground() ? 0 : 1;
                    runningByOwner.merge(g.record().owner(), 1, Integer::sum);
                } else if (g.record().state() == GroupState.QUEUED && transportReady(g)
                        && !leases.claimDeferred(g, now)) {
                    waiting.add(g);
                }
            }
            waiting.sort(RUN_ORDER);
            for (GroupEntry g : waiting) {
                if (running >= s.maxConcurrentTransfers() || (s.legacySingleJobScheduling() && running > 0)) {
                    break;
                }
                if (!g.record().foreground() && backgroundRunning > 0) {
                    continue;
                }
                if (!s.ownerMayStart(runningByOwner.getOrDefault(g.record().owner(), 0))) {
                    continue; // the owner has its share; other owners' groups may still start
                }
                GroupLeases.Start outcome = start(g);
                if (outcome == GroupLeases.Start.UNAVAILABLE) {
                    break;
                }
                if (outcome == GroupLeases.Start.STARTED) {
                    running++;
                    backgroundRunning += g.record().foreground() ? 0 : 1;
                    runningByOwner.merge(g.record().owner(), 1, Integer::sum);
                }
            }
            // Only groups that may run here count: not those another node transfers, nor those it changed.
            waiting.removeIf(g -> g.worker == null && (leases.claimDeferred(g, now)
                    || g.record().state() != GroupState.QUEUED || !core.groups.containsKey(g.id())));
            requestYields(waiting, runningByOwner);
            bandwidth.refresh(core.groups.values());
        }
    }

    /**
     * Foreground first, then background priority, then a transfer that only stopped to change transport, then
     * the group that waited longest for a turn.
     */
    static final Comparator<GroupEntry> RUN_ORDER = Comparator
            .comparing((GroupEntry g) -> !g.record().foreground())
            .thenComparing(g -> BackgroundPriority.valueOf(g.record().backgroundPriority()))
            .thenComparing(g -> !g.transportUse.moving())
            .thenComparingLong(g -> g.lastScheduledNanos)
            .thenComparingLong(g -> g.record().sequence());

    /**
     * A running background group yields when a higher-priority background group waits, or when its time
     * slice is over and an equal-priority one waits (spec §1.6, P3). Legacy mode yields to foreground.
     */
    private void requestYields(List<GroupEntry> waiting, Map<String, Integer> runningByOwner) {
        EngineSettings s = core.settings();
        long now = nanos();
        long slice = s.timeSlice().toNanos();
        for (GroupEntry g : core.groups.values()) {
            if (g.worker == null || g.record().foreground()) {
                continue;
            }
            BackgroundPriority mine = BackgroundPriority.valueOf(g.record().backgroundPriority());
            for (GroupEntry w : waiting) {
                if (w.worker != null) {
                    continue;
                }
                int ownersOthers = runningByOwner.getOrDefault(w.record().owner(), 0)
                        - (w.record().owner().equals(g.record().owner()) ? 1 : 0);
                if (!s.ownerMayStart(ownersOthers)) {
                    continue; // its owner's limit would keep it waiting anyway: no yield for nothing
                }
                BackgroundPriority theirs = BackgroundPriority.valueOf(w.record().backgroundPriority());
                boolean preempt = (!w.record().foreground() && theirs.compareTo(mine) < 0)
                        || (s.legacySingleJobScheduling() && w.record().foreground());
                boolean sliceOver = !w.record().foreground() && theirs == mine && now - g.lastScheduledNanos >= slice;
                if (preempt || sliceOver) {
                    g.worker.requestYield();
                    break;
                }
            }
        }
    }

    /**
     * Whether a transport serves the group's next pending file. A queue loaded before the transports are bound
     * (at Karaf boot the transport bundle may start after the engine) stays QUEUED until a transport arrives
     * and kicks, instead of failing into a retry delay (spec §1.9: a restarted transfer simply continues).
     */
    boolean transportReady(GroupEntry g) {
        String scheme = nextScheme(g);
        return scheme == null || transports.forScheme(scheme).isPresent();
    }

    /** @return the URL scheme of the group's next pending file, or {@code null} when every file is committed */
    static String nextScheme(GroupEntry g) {
        for (JobRecord job : g.jobs) {
            for (FileRecord f : g.files(job.jobId())) {
                if (!f.completed()) {
                    return scheme(f);
                }
            }
        }
        return null;
    }

    /** @return whether another node held the group's lease at its last claim and it may not be claimed yet */
    boolean claimDeferred(GroupEntry g, long nowNanos) {
        return leases.claimDeferred(g, nowNanos);
    }

    private static String scheme(FileRecord f) {
        return f.remoteUrl().substring(0, Math.max(0, f.remoteUrl().indexOf(':')));
    }

    /** Starts the group under a lease claimed with it; not while the store is unavailable or another node has it. */
    private GroupLeases.Start start(GroupEntry g) {
        GroupLeases.Start outcome = leases.start(g);
        if (outcome != GroupLeases.Start.STARTED) {
            return outcome;
        }
        long now = nanos();
        g.activeSinceNanos = now;
        if (!g.transportUse.moving()) {
            g.lastScheduledNanos = now; // a move to another transport goes on with the turn it had
        }
        g.transportUse.moving(false);
        if (g.record().retries() == 0) {
            // A fresh turn, not a re-attempt: time spent waiting for a slot is not time without progress
            // (spec §1.8), else a group queued behind others would fail on its first transient error.
            g.lastProgressNanos = now;
        }
        g.throttle = bandwidth.laneOf(g.record());
        g.worker = new GroupWorker(g, this, download, fetchPool);
        transferPool.execute(g.worker);
        return outcome;
    }

    /**
     * The store answers again (on the timer thread): re-arms retry timers that fell due during the outage and
     * starts the groups that waited, which resume from the bytes in their temp files.
     */
    void storeRecovered() {
        List<UUID> due = new ArrayList<>();
        synchronized (core.lock) {
            for (GroupEntry g : core.groups.values()) {
                if (g.record().state() == GroupState.RETRY_WAIT && g.retryTimer == null) {
                    due.add(g.id());
                }
            }
        }
        due.forEach(this::retryDue);
        kick();
    }

    /**
     * The bound transports changed (one arrived, went, or was re-ranked). A running transfer whose scheme is now
     * best served by another transport yields, keeping its turn, and continues on that one with Range from its
     * checkpoint; when no transport serves its scheme any more it waits QUEUED until one arrives.
     */
    void transportsChanged() {
        synchronized (core.lock) {
            for (GroupEntry g : core.groups.values()) {
                String scheme = g.worker == null ? null : g.transportUse.outdated(transports);
                if (scheme != null) {
                    LOG.info("group {} moves from transport {} to {} for {}", g.id(), g.transportUse.inUse(scheme),
                            transports.forScheme(scheme).map(String::valueOf).orElse("(none yet)"), scheme);
                    g.transportUse.moving(true);
                    g.worker.requestYield();
                }
            }
        }
        kick();
    }

    /** Re-checks slices every second while background groups wait. */
    void startSliceTimer() {
        timers.scheduleWithFixedDelay(this::kick, 1, 1, TimeUnit.SECONDS);
    }

    // ---- stopping ------------------------------------------------------------------------------------

    /** Detaches the group's worker (call with the lock held); stop it afterwards with {@link #stopDetached}. */
    GroupWorker detachWorker(GroupEntry g) {
        GroupWorker w = g.worker;
        g.worker = null;
        g.live.clear();
        g.transportUse.clear();
        if (g.retryTimer != null) {
            g.retryTimer.cancel(false);
            g.retryTimer = null;
        }
        if (w != null) {
            g.record(withActiveTime(g));
            g.activeSinceNanos = 0;
            if (g.record().foreground()) {
                // Not left to the next kick: some ends (store outage, lost lease) start nothing new.
                bandwidth.refresh(core.groups.values());
            }
        }
        return w;
    }

    /** @return the group's record with the time of its running transfer added, as detaching stores it */
    GroupRecord withActiveTime(GroupEntry g) {
        return g.record().toBuilder().activeMillis(g.record().activeMillis() + activeMillisSince(g)).build();
    }

    /** Stops a detached worker without the lock held; no byte is written after this returns. */
    void stopDetached(GroupWorker w, boolean discardTemp) {
        if (w != null) {
            w.stop(discardTemp, STOP_AWAIT_MILLIS);
        }
        kick();
    }

    private long activeMillisSince(GroupEntry g) {
        return g.activeSinceNanos == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(nanos() - g.activeSinceNanos);
    }

    // ---- what workers report -------------------------------------------------------------------------

    /** @return how many files of one group may be in flight at once (spec §1.5: 1) */
    int filesAtOnce() {
        return core.settings().filesAtOnce();
    }

    /**
     * The worker's next pending files in transfer order, at most {@code max}, after {@code after} (the last file
     * it took, or {@code null} for the first): none when every file is committed or in flight. A file before
     * {@code after} that is pending again (its job's files were cancelled and re-added) is found on the
     * worker's next pass: the pipeline ends only when nothing is pending.
     *
     * @param inFlight whether a file is in the worker's window already
     */
    List<FileDownload.Target> nextFiles(GroupWorker w, GroupEntry.FileKey after,
                                        Predicate<GroupEntry.FileKey> inFlight, int max)
            throws StopSignal {
        synchronized (core.lock) {
            GroupEntry g = current(w);
            List<FileDownload.Target> next = new ArrayList<>(max);
            int startJob = after == null ? 0 : Math.max(0, g.jobIndexOf(after.jobId()));
            boolean sameJob = after != null && startJob < g.jobs.size()
                    && g.jobs.get(startJob).jobId().equals(after.jobId());
            for (int j = startJob; j < g.jobs.size() && next.size() < max; j++) {
                List<FileRecord> files = g.files(g.jobs.get(j).jobId());
                int from = sameJob && j == startJob ? after.index() + 1 : 0;
                for (int i = from; i < files.size() && next.size() < max; i++) {
                    FileRecord f = files.get(i);
                    if (!f.completed() && !inFlight.test(GroupEntry.FileKey.of(f))) {
                        next.add(target(g, f));
                    }
                }
            }
            return next;
        }
    }

    private FileDownload.Target target(GroupEntry g, FileRecord f) {
        Optional<Transport> transport = transports.forScheme(scheme(f));
        transport.ifPresent(t -> g.transportUse.record(scheme(f), t));
        Credentials credentials = g.record().remoteUser() == null ? null
                : new Credentials(g.record().remoteUser(), g.record().remotePassword() == null ? "" : g.record().remotePassword());
        GroupEntry.LiveFile live = new GroupEntry.LiveFile(GroupEntry.FileKey.of(f), f.bytesDone());
        g.live.put(live.key, live);
        return new FileDownload.Target(f, transport.orElse(MissingTransport.INSTANCE),
                new TransportRequest(f.remoteUrl(), 0, null, credentials, g.record().customHeaders()), live);
    }

    /**
     * The worker's pipeline found nothing left to transfer: the group is COMPLETE, unless a file was added
     * since that look (which took the lock before this call did). The check is made here, under the lock
     * {@code addFiles} takes, so a file added in between is never left pending in a COMPLETE group.
     *
     * @return {@code false} when files are pending again and the worker must run its pipeline once more
     */
    boolean finished(GroupWorker w) {
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(w.groupId);
            if (g == null || g.worker != w) {
                return true;
            }
            if (g.hasPendingFile()) {
                return false;
            }
            detachWorker(g);
            GroupRecord complete = g.record().toBuilder().state(GroupState.COMPLETE).clearError().build();
            UUID lastJob = g.jobs.isEmpty() ? null : g.jobs.get(g.jobs.size() - 1).jobId();
            QueueEvent done = QueueCore.event(QueueEvent.Type.GROUP_COMPLETED, g.id(), complete, lastJob, -1,
                    StatusWords.groupStatus(complete), 0, 0, 0);
            if (!updateOrWait(g, complete, List.of(done))) {
                return true;
            }
        }
        core.flushEvents();
        kick();
        return true;
    }

    void yielded(GroupWorker w) {
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(w.groupId);
            if (g != null && g.worker == w) {
                detachWorker(g);
                updateOrWait(g, g.record().toBuilder().state(GroupState.QUEUED).build());
            }
        }
        kick();
    }

    /**
     * A store write failed under the worker: in an outage the transfer stops and the group waits as QUEUED,
     * keeping its temp file; a refused write is an internal error of the transfer.
     */
    void storeFailed(GroupWorker w, QmgrServiceUnavailableException e) {
        if (!core.isOutage(e)) {
            LOG.error("transfer of group {} failed unexpectedly", w.groupId, e);
            crashed(w, e);
            return;
        }
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(w.groupId);
            if (g == null || g.worker != w) {
                return;
            }
            detachWorker(g);
            waitForStore(g);
        }
    }

    /**
     * Stores the next record of a group whose worker just ended, fenced by its lease and giving it back; in an
     * outage the group waits as QUEUED instead, and the failure behind the record (if any) happens again when
     * it runs; when the lease moved, the group is left to the other node. Call with the lock held.
     *
     * @return whether the record was stored
     */
    private boolean updateOrWait(GroupEntry g, GroupRecord next) {
        return updateOrWait(g, next, List.of());
    }

    /** As {@link #updateOrWait(GroupEntry, GroupRecord)}, storing the events the change causes with it. */
    private boolean updateOrWait(GroupEntry g, GroupRecord next, List<QueueEvent> events) {
        try {
            leases.update(g, next, true, events);
            return true;
        } catch (QmgrServiceUnavailableException e) {
            if (!core.isOutage(e)) {
                throw e;
            }
            waitForStore(g);
            return false;
        } catch (LeaseLostException e) {
            // Cache only: the store is the new holder's.
            g.record(g.record().toBuilder().state(GroupState.QUEUED).build());
            leases.lost(g, e);
            return false;
        }
    }

    /**
     * A fenced write of the worker was refused: another node took the group over. The worker is gone; the group
     * shows QUEUED here (cache only) and is claimed again only later, when the store says whether it still runs.
     */
    void leaseLost(GroupWorker w, LeaseLostException e) {
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(w.groupId);
            if (g == null || (g.worker != null && g.worker != w)) {
                return;
            }
            if (g.worker == w) {
                detachWorker(g);
                g.record(g.record().toBuilder().state(GroupState.QUEUED).build());
            }
            leases.lost(g, e);
        }
    }

    /**
     * A worker's thread ends: once no transfer of its group runs here any more (suspend, cancel, hold, engine
     * stop, outage), the group's lease is given back. Not while a newer transfer of the group runs: a node's
     * claim keeps its lease, so both would hold the same one.
     */
    void workerEnded(GroupWorker w) {
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(w.groupId);
            if (g != null && g.worker == null) {
                leases.release(g);
            }
        }
    }

    /**
     * Cache only: the store cannot be written now, and the TRANSFERRING it holds loads as QUEUED anyway
     * (spec §1.9); {@link #start} stores the next state. Call with the lock held.
     */
    private void waitForStore(GroupEntry g) {
        g.record(g.record().toBuilder().state(GroupState.QUEUED).build());
        LOG.debug("group {} waits for the queue store", g.id());
    }

    void crashed(GroupWorker w, Throwable e) {
        failed(w, new TransferFailure(org.qmgr.api.Win32Results.ERROR_WRITE_FAULT, 0, false,
                "internal error: " + e, e), null);
    }

    /** A transfer failed: RETRY_WAIT with a timer, or ERROR (spec §1.8). */
    void failed(GroupWorker w, TransferFailure f, FileRecord file) {
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(w.groupId);
            if (g == null || g.worker != w) {
                return;
            }
            detachWorker(g);
            EngineSettings s = core.settings();
            long idle = nanos() - g.lastProgressNanos;
            boolean transientHere = f.isTransient()
                    && !(s.diskFullIsFatal() && f.win32Result() == Win32Results.ERROR_DISK_FULL);
            boolean retry = transientHere && !s.noProgressTimeout().isZero()
                    && s.minRetryDelay().compareTo(s.noProgressTimeout()) <= 0
                    && idle < s.noProgressTimeout().toNanos();
            int jobIndex = file == null ? StatusWords.jobIndex(g) : g.jobIndexOf(file.jobId());
            int fileIndex = file == null ? -1 : file.index();
            GroupRecord.Builder b = g.record().toBuilder().win32Result(f.win32Result())
                    .transportResult(f.transportResult()).errorJobIndex(jobIndex).errorFileIndex(fileIndex);
            core.metrics().failed(ErrorKinds.of(f.win32Result(), f.transportResult()));
            // Set first: the state change's log line (GroupEntry.record) tells the failure in words.
            String previous = g.errorDescription;
            g.errorDescription = f.getMessage();
            boolean stored;
            if (retry) {
                stored = updateOrWait(g, b.state(GroupState.RETRY_WAIT).build());
                if (stored) {
                    // A server's Retry-After may lengthen the wait (capped, and never past the no-progress
                    // deadline); why() reads the due time from this timer.
                    Duration delay = RetryAfter.delay(s.minRetryDelay(), f.retryAfter(),
                            s.noProgressTimeout().minusNanos(idle));
                    g.retryTimer = timers.schedule(() -> retryDue(g.id()), delay.toNanos(), TimeUnit.NANOSECONDS);
                }
            } else {
                GroupRecord error = b.state(GroupState.ERROR).build();
                stored = updateOrWait(g, error, List.of(errorEvent(g, error)));
            }
            if (!stored) {
                g.errorDescription = previous;
                return;
            }
        }
        core.flushEvents();
        kick();
    }

    private void enterError(GroupEntry g, GroupRecord.Builder b) {
        GroupRecord error = b.state(GroupState.ERROR).build();
        core.update(g, error, List.of(errorEvent(g, error)));
    }

    /** The error notification of a group entering ERROR as {@code r} (spec §5.3). */
    private static QueueEvent errorEvent(GroupEntry g, GroupRecord r) {
        UUID job = r.errorJobIndex() >= 0 && r.errorJobIndex() < g.jobs.size() ? g.jobs.get(r.errorJobIndex()).jobId() : null;
        return QueueCore.event(QueueEvent.Type.GROUP_ERROR, g.id(), r, job, r.errorFileIndex(),
                StatusWords.groupStatus(r), r.retries(), r.win32Result(), r.transportResult());
    }

    private void retryDue(UUID groupId) {
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(groupId);
            if (g == null || g.record().state() != GroupState.RETRY_WAIT) {
                return;
            }
            g.retryTimer = null;
            try {
                if (nanos() - g.lastProgressNanos >= core.settings().noProgressTimeout().toNanos()) {
                    enterError(g, g.record().toBuilder());
                } else {
                    core.update(g, g.record().toBuilder().state(GroupState.QUEUED).retries(g.record().retries() + 1)
                            .build());
                }
            } catch (QmgrServiceUnavailableException e) {
                if (!core.isOutage(e)) {
                    throw e;
                }
                // Stays RETRY_WAIT without a timer: storeRecovered() runs it again.
                LOG.debug("retry of group {} waits for the queue store", groupId);
                return;
            }
        }
        core.flushEvents();
        kick();
    }

    private GroupEntry current(GroupWorker w) throws StopSignal {
        GroupEntry g = core.groups.get(w.groupId);
        if (g == null || g.worker != w || w.isStopped() || w.yieldRequested()) {
            throw new StopSignal();
        }
        return g;
    }
}
