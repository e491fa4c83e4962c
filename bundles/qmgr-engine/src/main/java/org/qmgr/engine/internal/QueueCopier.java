package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.StoreTransaction;

/**
 * Copies a whole queue (groups, jobs, files with their progress, notifications not yet acknowledged) into an
 * empty store in one write transaction, and reads it back in that transaction before it commits. Leases are
 * runtime state and stay behind. Sequence numbers are handed out again by the target in the source's creation
 * order, then the outbox's in its order, so new groups created on the target still sort after the copied
 * ones and notifications are delivered in the order they happened.
 */
final class QueueCopier {

    private QueueCopier() {
    }

    /**
     * Everything a store holds, in creation order.
     *
     * @param groups        groups by creation order
     * @param jobs          jobs of each group, by creation order
     * @param files         files of each job, by index
     * @param notifications the outbox: stored notifications by sequence
     */
    record Snapshot(List<GroupRecord> groups, Map<UUID, List<JobRecord>> jobs, Map<UUID, List<FileRecord>> files,
                    List<QueueEvent> notifications) {

        long jobCount() {
            return jobs.values().stream().mapToLong(List::size).sum();
        }

        long fileCount() {
            return files.values().stream().mapToLong(List::size).sum();
        }
    }

    /**
     * Reads a store in one consistent read transaction.
     *
     * @throws QueueStoreException when the store cannot be read
     */
    static Snapshot read(QueueStore store) {
        return store.read(QueueCopier::snapshot);
    }

    private static Snapshot snapshot(StoreTransaction tx) {
        List<GroupRecord> groups = tx.groups();
        Map<UUID, List<JobRecord>> jobs = new LinkedHashMap<>();
        Map<UUID, List<FileRecord>> files = new LinkedHashMap<>();
        for (GroupRecord g : groups) {
            List<JobRecord> groupJobs = tx.jobs(g.groupId());
            jobs.put(g.groupId(), groupJobs);
            for (JobRecord j : groupJobs) {
                files.put(j.jobId(), tx.files(j.jobId()));
            }
        }
        return new Snapshot(groups, jobs, files, tx.notifications());
    }

    /**
     * Writes the snapshot into the target and verifies it, all in one transaction of the target.
     *
     * @param source     what to copy
     * @param target     an empty store
     * @param targetName the target's name, for messages
     * @return the snapshot as stored in the target (with the target's sequence numbers)
     * @throws QmgrInvalidStateException when the target already holds a group (nothing is written)
     * @throws QueueStoreException when the target cannot be written or the read-back differs (rolled back)
     */
    static Snapshot copy(Snapshot source, QueueStore target, String targetName) {
        return target.write(tx -> {
            requireEmpty(tx, targetName);
            Snapshot renumbered = renumber(source, tx);
            for (GroupRecord g : renumbered.groups()) {
                tx.insertGroup(g);
                for (JobRecord j : renumbered.jobs().get(g.groupId())) {
                    tx.insertJob(j);
                    List<FileRecord> jobFiles = renumbered.files().get(j.jobId());
                    if (!jobFiles.isEmpty()) {
                        tx.insertFiles(jobFiles);
                    }
                }
            }
            renumbered.notifications().forEach(tx::insertNotification);
            verify(renumbered, snapshot(tx), targetName);
            return renumbered;
        });
    }

    /**
     * Checks up front that a store is empty, so that a refused migration does not even stop the transfers.
     *
     * @throws QmgrInvalidStateException when it holds a group
     * @throws QueueStoreException when it cannot be read
     */
    static void requireEmpty(QueueStore target, String targetName) {
        target.read(tx -> {
            requireEmpty(tx, targetName);
            return null;
        });
    }

    private static void requireEmpty(StoreTransaction tx, String targetName) {
        int present = tx.groups().size();
        if (present > 0) {
            throw new QmgrInvalidStateException("store " + targetName + " is not empty: it holds " + present
                    + " group(s); a queue is only ever copied into an empty store");
        }
    }

    /**
     * Groups and jobs get the target's next sequence numbers, in the source's creation order, then the
     * notifications in the source's outbox order.
     */
    private static Snapshot renumber(Snapshot source, StoreTransaction tx) {
        record Created(long sequence, GroupRecord group, JobRecord job) {
        }
        List<Created> order = new ArrayList<>();
        source.groups().forEach(g -> order.add(new Created(g.sequence(), g, null)));
        source.jobs().values().forEach(js -> js.forEach(j -> order.add(new Created(j.sequence(), null, j))));
        order.sort(Comparator.comparingLong(Created::sequence));
        Map<UUID, GroupRecord> groups = new LinkedHashMap<>();
        Map<UUID, JobRecord> jobs = new LinkedHashMap<>();
        for (Created c : order) {
            long next = tx.nextSequence();
            if (c.group() != null) {
                groups.put(c.group().groupId(), withSequence(c.group(), next));
            } else {
                jobs.put(c.job().jobId(), new JobRecord(c.job().jobId(), c.job().groupId(), next));
            }
        }
        Map<UUID, List<JobRecord>> jobsByGroup = new LinkedHashMap<>();
        source.jobs().forEach((groupId, js) -> jobsByGroup.put(groupId,
                js.stream().map(j -> jobs.get(j.jobId())).toList()));
        List<QueueEvent> notifications = new ArrayList<>();
        for (QueueEvent n : source.notifications()) {
            notifications.add(n.withSequence(tx.nextSequence()));
        }
        return new Snapshot(source.groups().stream().map(g -> groups.get(g.groupId())).toList(), jobsByGroup,
                source.files(), notifications);
    }

    private static GroupRecord withSequence(GroupRecord r, long sequence) {
        return new GroupRecord(r.groupId(), r.owner(), sequence, r.state(), r.foreground(), r.backgroundPriority(),
                r.protocol(), r.notifyFlags(), r.notifyClsid(), r.displayName(), r.description(), r.remoteUser(),
                r.remotePassword(), r.progressSize(), r.progressPercent(), r.progressTimeMillis(), r.win32Result(),
                r.transportResult(), r.retries(), r.errorJobIndex(), r.errorFileIndex(), r.activeMillis(),
                r.createdMillis(), r.modifiedMillis(), r.customHeaders());
    }

    /**
     * Compares what was written with what the target reads back; any difference rolls the copy back. The
     * notifications written carry the target's sequences, so they are compared whole, sequence included.
     */
    private static void verify(Snapshot written, Snapshot read, String targetName) {
        if (written.groups().size() != read.groups().size() || written.jobCount() != read.jobCount()
                || written.fileCount() != read.fileCount()
                || written.notifications().size() != read.notifications().size()) {
            throw mismatch(targetName, "read back " + read.groups().size() + " groups, " + read.jobCount()
                    + " jobs, " + read.fileCount() + " files, " + read.notifications().size()
                    + " notifications instead of " + written.groups().size() + ", " + written.jobCount() + ", "
                    + written.fileCount() + ", " + written.notifications().size());
        }
        if (!written.groups().equals(read.groups())) {
            throw mismatch(targetName, "a group reads back differently");
        }
        if (!written.jobs().equals(read.jobs())) {
            throw mismatch(targetName, "a job reads back differently");
        }
        if (!written.files().equals(read.files())) {
            throw mismatch(targetName, "a file reads back differently");
        }
        if (!written.notifications().equals(read.notifications())) {
            throw mismatch(targetName, "a notification reads back differently");
        }
    }

    private static QueueStoreException mismatch(String targetName, String what) {
        return new QueueStoreException(QueueStoreException.Reason.ILLEGAL_OPERATION,
                "the copy in store " + targetName + " does not match the source: " + what);
    }
}
