package org.qmgr.engine.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.CustomHeaders;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.GroupProp;
import org.qmgr.api.Guids;
import org.qmgr.api.HResults;
import org.qmgr.api.Protocol;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.QmgrDownloaderUnavailableException;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.api.QmgrInvalidStateException.Reason;
import org.qmgr.api.QmgrItemNotFoundException;
import org.qmgr.api.QmgrLimitExceededException;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.api.Variant;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.QueueStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state-changing API verbs: validate, one store transaction, update the cache, wake the scheduler
 * (spec §1.3.3, §1.7). Argument errors come first, then the cancelled state, then the rule of the verb.
 */
final class Commands {

    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

    private final QueueCore core;
    private final Scheduler scheduler;
    private final TransportRegistry transports;
    /**
     * Groups whose worker a suspend detached and is still stopping; guarded by {@code core.lock}. A resume waits
     * for it, so that two workers never write the same temp file (spec §2.0: a state change is atomic).
     */
    private final Map<UUID, CountDownLatch> stopping = new HashMap<>();

    Commands(QueueCore core, Scheduler scheduler, TransportRegistry transports) {
        this.core = core;
        this.scheduler = scheduler;
        this.transports = transports;
    }

    void createGroup(Caller caller, UUID groupId) {
        requireId(groupId, "group id");
        synchronized (core.lock) {
            core.checkActive();
            if (core.groups.containsKey(groupId)) {
                throw new QmgrInvalidArgumentException("group " + Guids.format(groupId) + " already exists");
            }
            checkGroupLimits(caller);
            long now = System.currentTimeMillis();
            GroupRecord created = core.write(tx -> {
                GroupRecord r = GroupRecord.create(groupId, caller.identity(), tx.nextSequence(), now);
                tx.insertGroup(r);
                return r;
            });
            GroupEntry g = new GroupEntry(created);
            GroupLog.created(created);
            g.lastProgressNanos = core.clock().nanos();
            core.groups.put(groupId, g);
            core.emit(QueueEvent.Type.GROUP_CREATED, g, null, -1, StatusWords.groupStatus(g), 0, 0, 0);
        }
        core.flushEvents();
    }

    private void checkGroupLimits(Caller caller) {
        EngineSettings s = core.settings();
        if (s.maxGroupsPerMachine() > 0 && core.groups.size() >= s.maxGroupsPerMachine()) {
            throw new QmgrLimitExceededException(HResults.BG_E_TOO_MANY_JOBS_PER_MACHINE,
                    "the queue holds its limit of " + s.maxGroupsPerMachine() + " groups");
        }
        if (s.maxGroupsPerUser() > 0 && !caller.admin()) {
            long mine = core.groups.values().stream().filter(g -> g.record().owner().equals(caller.identity())).count();
            if (mine >= s.maxGroupsPerUser()) {
                throw new QmgrLimitExceededException(HResults.BG_E_TOO_MANY_JOBS_PER_USER,
                        caller.identity() + " owns its limit of " + s.maxGroupsPerUser() + " groups");
            }
        }
    }

    /** Opens a group for the caller: owner or administrator; an administrator takes ownership (spec §2.1.2). */
    void openGroup(Caller caller, UUID groupId) {
        synchronized (core.lock) {
            GroupEntry g = visible(caller, groupId);
            String owner = g.record().owner();
            if (owner.equals(caller.identity())) {
                return;
            }
            core.update(g, g.record().toBuilder().owner(caller.identity()).build());
            LOG.info("group {} taken over by {} from {}", groupId, caller.identity(), owner);
        }
    }

    /**
     * The group if the caller may see it (owner or administrator). Call with the lock held.
     *
     * @throws QmgrItemNotFoundException when it does not exist
     * @throws QmgrAccessDeniedException when another identity owns it
     */
    GroupEntry visible(Caller caller, UUID groupId) {
        if (groupId == null) {
            throw new QmgrInvalidArgumentException("group id must not be null");
        }
        if (groupId.equals(Guids.GUID_NULL)) {
            // Spec §2.0: GUID_NULL is never an identifier, so it is bad input rather than an unknown group.
            throw new QmgrInvalidArgumentException("GUID_NULL is not a group id");
        }
        core.checkActive();
        GroupEntry g = core.groups.get(groupId);
        if (g == null) {
            throw new QmgrItemNotFoundException("no group " + Guids.format(groupId));
        }
        if (!caller.admin() && !g.record().owner().equals(caller.identity())) {
            throw new QmgrAccessDeniedException("group " + Guids.format(groupId) + " belongs to another owner");
        }
        return g;
    }

    /**
     * Fails with {@code E_ACCESSDENIED} when the group a handle was opened for has since moved to another owner
     * and the handle's holder is no administrator. A group that is gone passes: the method then reports the
     * cancelled state or the stopped service itself, in the spec's order.
     */
    void checkHolder(Caller holder, UUID groupId) {
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(groupId);
            if (g != null && !holder.admin() && !g.record().owner().equals(holder.identity())) {
                throw new QmgrAccessDeniedException("group " + Guids.format(groupId) + " now belongs to another owner");
            }
        }
    }

    List<UUID> visibleGroups(Caller caller) {
        synchronized (core.lock) {
            core.checkActive();
            return core.groups.values().stream()
                    .filter(g -> caller.admin() || g.record().owner().equals(caller.identity()))
                    .map(GroupEntry::id).toList();
        }
    }

    void setProp(UUID groupId, GroupProp prop, Variant value, Predicate<UUID> clsidResolvable) {
        // Argument errors come before the cancelled state (spec §1.7).
        if (prop == null || value == null) {
            throw new QmgrInvalidArgumentException("property and value must not be null");
        }
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            GroupRecord changed = PropertyCodec.set(g.record(), prop, value, transports::serves, clsidResolvable);
            core.update(g, touched(changed));
        }
    }

    void setBackgroundPriority(UUID groupId, BackgroundPriority priority) {
        if (priority == null) {
            throw new QmgrInvalidArgumentException("background priority must not be null");
        }
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            core.update(g, touched(g.record().toBuilder().backgroundPriority(priority.name()).build()));
            scheduler.kick();
        }
    }

    void setCredentials(UUID groupId, String user, String password) {
        if (user != null && (user.isEmpty() || user.length() > PropertyCodec.MAX_CREDENTIAL)) {
            throw new QmgrInvalidArgumentException("user name must be 1.." + PropertyCodec.MAX_CREDENTIAL + " characters");
        }
        if (password != null && password.length() > PropertyCodec.MAX_CREDENTIAL) {
            throw new QmgrInvalidArgumentException("password is longer than " + PropertyCodec.MAX_CREDENTIAL + " characters");
        }
        PropertyCodec.checkCredential(GroupProp.REMOTEUSERID, user);
        PropertyCodec.checkCredential(GroupProp.REMOTEUSERPWD, password);
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            core.update(g, touched(g.record().toBuilder().remoteUser(user)
                    .remotePassword(user == null ? null : password).build()));
        }
    }

    /** Replaces the group's custom request headers; they go with requests started from now on. */
    void setCustomHeaders(UUID groupId, Map<String, String> headers) {
        // Argument errors come before the cancelled state (spec §1.7).
        Map<String, String> valid = CustomHeaders.validate(headers);
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            core.update(g, touched(g.record().toBuilder().customHeaders(valid).build()));
        }
    }

    void setCallback(UUID groupId, BackgroundCopyCallback callback) {
        synchronized (core.lock) {
            core.live(groupId).directCallback = callback;
        }
    }

    void switchToForeground(UUID groupId) {
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            if (!g.record().foreground()) {
                core.update(g, touched(g.record().toBuilder().foreground(true).build()));
                scheduler.kick();
            }
        }
    }

    void createJob(UUID groupId, UUID jobId) {
        requireId(jobId, "job id");
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            if (g.record().state().running()) {
                throw new QmgrInvalidStateException(Reason.RUNNING, "group " + Guids.format(groupId) + " is running");
            }
            int max = core.settings().maxJobsPerGroup();
            if (max > 0 && g.jobs.size() >= max) {
                throw new QmgrLimitExceededException(HResults.BG_E_TOO_MANY_FILES_IN_JOB,
                        "group holds its limit of " + max + " jobs");
            }
            if (core.jobGroups.containsKey(jobId)) {
                throw new QmgrInvalidArgumentException("job " + Guids.format(jobId) + " already exists in the queue");
            }
            JobRecord job = core.write(tx -> {
                JobRecord j = new JobRecord(jobId, groupId, tx.nextSequence());
                tx.insertJob(j);
                tx.updateGroup(touched(g.record()));
                return j;
            });
            g.record(touched(g.record()));
            g.jobs.add(job);
            core.jobGroups.put(jobId, groupId);
        }
    }

    /** Adds files on behalf of the engine itself: not confined to a user's download directories. */
    void addFiles(UUID jobId, List<FileSetInfo> files) {
        addFiles(jobId, files, null);
    }

    /** @param caller who adds the files, confined to their download directories; {@code null} for the engine */
    void addFiles(UUID jobId, List<FileSetInfo> files, Caller caller) {
        if (files == null) {
            throw new QmgrInvalidArgumentException("files must not be null");
        }
        Protocol protocol = null;
        Set<String> existing = Set.of();
        int count = 0;
        synchronized (core.lock) {
            core.checkActive();
            UUID groupId = core.jobGroups.get(jobId);
            GroupEntry g = groupId == null ? null : core.groups.get(groupId);
            if (g != null) {
                protocol = Protocol.fromValue(g.record().protocol());
                existing = localPaths(g.files(jobId));
                count = g.files(jobId).size();
            }
        }
        // Malformed entries are reported before a cancelled group (spec §1.7, order of §2.3.4); for a cancelled
        // job (protocol null) any scheme passes. Validation touches the file system (probe files): done without
        // the lock, then re-checked under it.
        List<FileSetInfo> accepted = files.isEmpty() ? List.of()
                : new FileSetValidator(core.settings(), caller).validate(files, protocol, existing, count);
        synchronized (core.lock) {
            GroupEntry g = groupOfJob(jobId);
            if (accepted.isEmpty()) {
                return;
            }
            List<FileRecord> current = g.files(jobId);
            Set<String> now = localPaths(current);
            for (FileSetInfo f : accepted) {
                if (now.contains(FileSetValidator.duplicateKey(f.localFile()))) {
                    throw new QmgrInvalidArgumentException("local path appears twice in the job: " + f.localFile());
                }
            }
            // Re-checked under the lock: two batches validated at once could each fit, and together not.
            int max = core.settings().maxFilesPerJob();
            if (max > 0 && current.size() + accepted.size() > max) {
                throw new QmgrLimitExceededException(HResults.BG_E_TOO_MANY_FILES_IN_JOB, "a job may hold " + max
                        + " files; it has " + current.size() + " and " + accepted.size() + " were added");
            }
            List<FileRecord> records = new ArrayList<>(accepted.size());
            for (FileSetInfo f : accepted) {
                records.add(FileRecord.pending(jobId, current.size() + records.size(), f.remoteFile(), f.localFile(),
                        f.sizeHintUnsigned(), f.expectedSha256() == null ? null : f.expectedSha256().toLowerCase()));
            }
            GroupState state = g.record().state() == GroupState.COMPLETE ? GroupState.SUSPENDED : g.record().state();
            GroupRecord changed = touched(g.record().toBuilder().state(state).build());
            core.write(tx -> {
                tx.insertFiles(records);
                tx.updateGroup(changed);
                return null;
            });
            current.addAll(records);
            g.record(changed);
        }
    }

    void resume(UUID groupId) {
        CountDownLatch previous;
        while ((previous = resumeUnlessStopping(groupId)) != null) {
            awaitStopped(previous);
        }
        core.flushEvents();
    }

    /** Resumes the group, or returns the latch of its worker still stopping (then nothing changed). */
    private CountDownLatch resumeUnlessStopping(UUID groupId) {
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            GroupState state = g.record().state();
            if (state == GroupState.COMPLETE) {
                throw new QmgrInvalidStateException(Reason.COMPLETE, "group " + Guids.format(groupId) + " is complete");
            }
            if (g.allFiles().isEmpty()) {
                throw new QmgrInvalidStateException(Reason.EMPTY, "group " + Guids.format(groupId) + " has no files");
            }
            if (!g.hasPendingFile()) {
                throw new QmgrInvalidStateException(Reason.COMPLETE, "every file of group " + Guids.format(groupId) + " is done");
            }
            g.lastProgressNanos = core.clock().nanos();
            if (state == GroupState.QUEUED || state == GroupState.TRANSFERRING) {
                return null;
            }
            if (!transports.serves(Protocol.fromValue(g.record().protocol()))) {
                throw new QmgrDownloaderUnavailableException("no transport is available for group " + Guids.format(groupId));
            }
            CountDownLatch previous = stopping.get(groupId);
            if (previous != null) {
                return previous;
            }
            core.update(g, touched(g.record().toBuilder().state(GroupState.QUEUED).clearError().build()));
            // After the write: a failed one leaves the retry armed. A due timer finds the group QUEUED.
            if (g.retryTimer != null) {
                g.retryTimer.cancel(false);
                g.retryTimer = null;
            }
            g.errorDescription = null;
            core.emit(QueueEvent.Type.GROUP_RESUMED, g, null, -1, StatusWords.groupStatus(g), 0, 0, 0);
            scheduler.kick();
            return null;
        }
    }

    void suspend(UUID groupId) {
        GroupWorker worker;
        CountDownLatch stopped = new CountDownLatch(1);
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            if (!g.record().state().running()) {
                return;
            }
            // Stored before the worker is detached: when the store fails, the transfer goes on untouched.
            GroupRecord suspended = touched(scheduler.withActiveTime(g).toBuilder().state(GroupState.SUSPENDED)
                    .build());
            core.persist(g, suspended);
            worker = scheduler.detachWorker(g);
            g.record(suspended);
            core.emit(QueueEvent.Type.GROUP_SUSPENDED, g, null, -1, StatusWords.groupStatus(g), 0, 0, 0);
            if (worker != null) {
                stopping.put(groupId, stopped);
            }
        }
        try {
            scheduler.stopDetached(worker, false);
        } finally {
            synchronized (core.lock) {
                stopping.remove(groupId, stopped);
            }
            stopped.countDown();
        }
        core.flushEvents();
    }

    /** Waits for a detached worker; bounded by the suspending thread's own stop wait, so not interruptible. */
    private static void awaitStopped(CountDownLatch stopped) {
        boolean interrupted = false;
        while (stopped.getCount() > 0) {
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void cancel(UUID groupId) {
        cancel(groupId, null);
    }

    /** As {@link #cancel(UUID)}, with the reason the state change log gives ({@code null}: a client's call). */
    private void cancel(UUID groupId, String reason) {
        GroupWorker worker;
        List<FileRecord> files;
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            // Deleted before the worker is detached: when the store fails, the group and its transfer go on.
            core.write(tx -> {
                tx.deleteGroup(groupId);
                return null;
            });
            worker = scheduler.detachWorker(g);
            files = g.allFiles();
            core.groups.remove(groupId);
            core.forgetUnsaved(groupId);
            g.jobs.forEach(j -> core.jobGroups.remove(j.jobId()));
            core.emit(QueueEvent.Type.GROUP_CANCELLED, g, null, -1, 0, 0, 0, 0);
            GroupLog.cancelled(groupId, g.record().state(), reason);
        }
        scheduler.stopDetached(worker, true);
        deleteTempFiles(files);
        core.flushEvents();
    }

    /** Removes one job (spec P2): its temp files go, its committed files stay, the group re-evaluates. */
    void cancelJob(UUID jobId) {
        GroupWorker worker;
        boolean wasRunning;
        UUID groupId;
        synchronized (core.lock) {
            GroupEntry g = groupOfJob(jobId);
            groupId = g.id();
            wasRunning = g.record().state().running();
            worker = wasRunning ? scheduler.detachWorker(g) : null;
        }
        if (worker != null) {
            worker.stop(false, 2000);
        }
        List<FileRecord> files;
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(groupId);
            if (g == null || !core.jobGroups.containsKey(jobId)) {
                throw new QmgrInvalidStateException(Reason.CANCELLED, "job " + Guids.format(jobId) + " is cancelled");
            }
            files = List.copyOf(g.files(jobId));
            GroupRecord changed = afterJobCancel(g, jobId, wasRunning);
            try {
                core.write(tx -> {
                    tx.deleteJob(jobId);
                    tx.updateGroup(changed);
                    return null;
                });
            } catch (QmgrServiceUnavailableException e) {
                if (wasRunning && g.worker == null && g.record().state().running()) {
                    // Its transfer was stopped for the cancel: it waits as QUEUED (cache only; a stored
                    // TRANSFERRING loads as QUEUED) and runs on once the store answers.
                    g.record(g.record().toBuilder().state(GroupState.QUEUED).build());
                }
                throw e;
            }
            g.jobs.removeIf(j -> j.jobId().equals(jobId));
            g.files.remove(jobId);
            core.jobGroups.remove(jobId);
            g.record(changed);
        }
        deleteTempFiles(files);
        scheduler.kick();
    }

    /** The group's record once the job is gone (spec P2), computed before anything changes. */
    private static GroupRecord afterJobCancel(GroupEntry g, UUID jobId, boolean wasRunning) {
        List<FileRecord> remaining = new ArrayList<>();
        g.jobs.stream().filter(j -> !j.jobId().equals(jobId)).forEach(j -> remaining.addAll(g.files(j.jobId())));
        boolean pending = remaining.stream().anyMatch(f -> !f.completed());
        boolean failedJob = g.record().state() == GroupState.ERROR && g.jobIndexOf(jobId) == g.record().errorJobIndex();
        GroupRecord.Builder b = touched(g.record()).toBuilder();
        if (wasRunning || failedJob) {
            b.clearError().state(pending ? (wasRunning ? GroupState.QUEUED : GroupState.SUSPENDED)
                    : remaining.isEmpty() ? GroupState.SUSPENDED : GroupState.COMPLETE);
        } else if (g.record().state() == GroupState.SUSPENDED && !remaining.isEmpty() && !pending) {
            b.state(GroupState.COMPLETE);
        } else if (g.record().state() == GroupState.COMPLETE && remaining.isEmpty()) {
            // A group without files is never complete (spec §1.3.3).
            b.state(GroupState.SUSPENDED);
        }
        return b.build();
    }

    private GroupEntry groupOfJob(UUID jobId) {
        core.checkActive();
        UUID groupId = core.jobGroups.get(jobId);
        if (groupId == null) {
            throw new QmgrInvalidStateException(Reason.CANCELLED, "job " + jobId + " is cancelled");
        }
        return core.live(groupId);
    }

    private static Set<String> localPaths(List<FileRecord> files) {
        Set<String> paths = new HashSet<>();
        files.forEach(f -> paths.add(FileSetValidator.duplicateKey(f.localPath())));
        return paths;
    }

    private static void deleteTempFiles(List<FileRecord> files) {
        for (FileRecord f : files) {
            if (!f.completed()) {
                // Also the derived name of a file that had no checkpoint yet (TempFiles).
                FileDownload.deleteQuietly(TempFiles.of(f));
            }
        }
    }

    private static GroupRecord touched(GroupRecord r) {
        return r.toBuilder().modifiedMillis(System.currentTimeMillis()).build();
    }

    private static void requireId(UUID id, String what) {
        if (Guids.isNull(id)) {
            throw new QmgrInvalidArgumentException(what + " must not be null or GUID_NULL");
        }
    }

    /** Cancels groups untouched for the inactivity timeout (spec §1.9); committed files stay. */
    void expireInactive() {
        long cutoff = System.currentTimeMillis() - core.settings().inactivityTimeout().toMillis();
        List<UUID> expired;
        synchronized (core.lock) {
            expired = core.groups.values().stream().filter(g -> g.record().modifiedMillis() < cutoff)
                    .map(GroupEntry::id).toList();
        }
        for (UUID id : expired) {
            try {
                cancel(id, "inactivity timeout");
            } catch (QmgrInvalidStateException | QueueStoreException e) {
                LOG.debug("inactive group {} already gone", id);
            } catch (QmgrServiceUnavailableException e) {
                // The store refused (outage or migration): the next sweep tries again; the timer must live on.
                LOG.debug("inactive group {} not cancelled now: {}", id, e.getMessage());
            }
        }
    }
}
