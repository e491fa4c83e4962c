package org.qmgr.store.memory.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.QueueStoreException.Reason;
import org.qmgr.spi.store.StoreTransaction;

/**
 * One transaction over {@link MemoryTables}. Writes go straight to the tables and push their inverse onto
 * an undo log, so a failing transaction is rolled back at the cost of what it changed, not of the queue.
 */
final class MemoryTransaction implements StoreTransaction {

    /** Holder of a released lease: nobody. */
    private static final String RELEASED = "";

    private final MemoryTables tables;
    private final boolean writable;
    private final Deque<Runnable> undo = new ArrayDeque<>();

    MemoryTransaction(MemoryTables tables, boolean writable) {
        this.tables = tables;
        this.writable = writable;
    }

    void commit() {
        undo.clear();
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    private void beforeWrite() {
        if (!writable) {
            throw new QueueStoreException(Reason.ILLEGAL_OPERATION, "write in a read-only transaction");
        }
    }

    private <K, V> void put(Map<K, V> map, K key, V value) {
        V old = map.put(key, value);
        undo.push(() -> restore(map, key, old));
    }

    private <K, V> void remove(Map<K, V> map, K key) {
        V old = map.remove(key);
        if (old != null) {
            undo.push(() -> map.put(key, old));
        }
    }

    private static <K, V> void restore(Map<K, V> map, K key, V old) {
        if (old == null) {
            map.remove(key);
        } else {
            map.put(key, old);
        }
    }

    @Override
    public List<GroupRecord> groups() {
        List<GroupRecord> all = new ArrayList<>(tables.groups.values());
        all.sort(Comparator.comparingLong(GroupRecord::sequence));
        return all;
    }

    @Override
    public Optional<GroupRecord> group(UUID groupId) {
        return Optional.ofNullable(tables.groups.get(groupId));
    }

    @Override
    public List<JobRecord> jobs(UUID groupId) {
        return tables.jobs.values().stream().filter(j -> j.groupId().equals(groupId))
                .sorted(Comparator.comparingLong(JobRecord::sequence)).toList();
    }

    @Override
    public Optional<JobRecord> job(UUID jobId) {
        return Optional.ofNullable(tables.jobs.get(jobId));
    }

    @Override
    public List<FileRecord> files(UUID jobId) {
        List<FileRecord> list = tables.files.get(jobId);
        return list == null ? List.of() : List.copyOf(list);
    }

    @Override
    public List<QueueEvent> notifications() {
        return List.copyOf(tables.notifications.values());
    }

    @Override
    public void insertNotification(QueueEvent notification) {
        beforeWrite();
        if (!notification.stored()) {
            throw new IllegalArgumentException("a stored notification needs a sequence above 0");
        }
        if (tables.notifications.containsKey(notification.sequence())) {
            throw new QueueStoreException(Reason.DUPLICATE_KEY, "notification exists: " + notification.sequence());
        }
        if (!tables.groups.containsKey(notification.groupId())) {
            throw new QueueStoreException(Reason.NOT_FOUND, "no group " + notification.groupId());
        }
        put(tables.notifications, notification.sequence(), notification);
    }

    @Override
    public void deleteNotifications(Collection<Long> sequences) {
        beforeWrite();
        for (Long sequence : sequences) {
            remove(tables.notifications, sequence);
        }
    }

    @Override
    public long lastSequence() {
        return tables.sequence;
    }

    @Override
    public long nextSequence() {
        beforeWrite();
        long previous = tables.sequence;
        undo.push(() -> tables.sequence = previous);
        return ++tables.sequence;
    }

    @Override
    public void insertGroup(GroupRecord group) {
        beforeWrite();
        if (tables.groups.containsKey(group.groupId())) {
            throw new QueueStoreException(Reason.DUPLICATE_KEY, "group exists: " + group.groupId());
        }
        put(tables.groups, group.groupId(), group);
    }

    @Override
    public void updateGroup(GroupRecord group) {
        beforeWrite();
        if (!tables.groups.containsKey(group.groupId())) {
            throw new QueueStoreException(Reason.NOT_FOUND, "no group " + group.groupId());
        }
        put(tables.groups, group.groupId(), group);
    }

    @Override
    public void deleteGroup(UUID groupId) {
        beforeWrite();
        remove(tables.groups, groupId);
        remove(tables.leases, groupId);
        List<Long> notifications = tables.notifications.values().stream()
                .filter(n -> n.groupId().equals(groupId)).map(QueueEvent::sequence).toList();
        notifications.forEach(n -> remove(tables.notifications, n));
        List<UUID> jobIds = jobs(groupId).stream().map(JobRecord::jobId).toList();
        jobIds.forEach(this::deleteJob);
    }

    @Override
    public void insertJob(JobRecord job) {
        beforeWrite();
        if (tables.jobs.containsKey(job.jobId())) {
            throw new QueueStoreException(Reason.DUPLICATE_KEY, "job exists: " + job.jobId());
        }
        if (!tables.groups.containsKey(job.groupId())) {
            throw new QueueStoreException(Reason.NOT_FOUND, "no group " + job.groupId());
        }
        put(tables.jobs, job.jobId(), job);
        put(tables.files, job.jobId(), new ArrayList<>());
    }

    @Override
    public void deleteJob(UUID jobId) {
        beforeWrite();
        remove(tables.jobs, jobId);
        remove(tables.files, jobId);
    }

    @Override
    public void insertFiles(List<FileRecord> newFiles) {
        beforeWrite();
        for (FileRecord f : newFiles) {
            List<FileRecord> list = tables.files.get(f.jobId());
            if (list == null) {
                throw new QueueStoreException(Reason.NOT_FOUND, "no job " + f.jobId());
            }
            if (f.index() != list.size()) {
                throw new QueueStoreException(Reason.ILLEGAL_OPERATION,
                        "file index " + f.index() + " is not the next index " + list.size());
            }
            list.add(f);
            undo.push(() -> list.remove(list.size() - 1));
        }
    }

    @Override
    public void updateFile(FileRecord file) {
        beforeWrite();
        List<FileRecord> list = tables.files.get(file.jobId());
        if (list == null || file.index() < 0 || file.index() >= list.size()) {
            throw new QueueStoreException(Reason.NOT_FOUND, "no file " + file.jobId() + "#" + file.index());
        }
        FileRecord old = list.set(file.index(), file);
        undo.push(() -> list.set(file.index(), old));
    }

    @Override
    public Optional<Lease> claim(UUID groupId, String nodeId, Duration ttl) {
        beforeWrite();
        long now = System.currentTimeMillis();
        Lease current = tables.leases.get(groupId);
        if (current != null && !current.nodeId().equals(nodeId) && !current.nodeId().equals(RELEASED)
                && current.expiresAtMillis() > now) {
            return Optional.empty();
        }
        boolean renewal = current != null && current.nodeId().equals(nodeId);
        long epoch = current == null ? 1 : renewal ? current.epoch() : current.epoch() + 1;
        Lease lease = new Lease(groupId, nodeId, epoch, now + ttl.toMillis());
        put(tables.leases, groupId, lease);
        return Optional.of(lease);
    }

    @Override
    public Lease renew(Lease lease, Duration ttl) {
        verify(lease);
        beforeWrite();
        Lease renewed = new Lease(lease.groupId(), lease.nodeId(), lease.epoch(),
                System.currentTimeMillis() + ttl.toMillis());
        put(tables.leases, lease.groupId(), renewed);
        return renewed;
    }

    @Override
    public void verify(Lease lease) {
        Lease current = tables.leases.get(lease.groupId());
        if (current == null || !current.nodeId().equals(lease.nodeId()) || current.epoch() != lease.epoch()) {
            throw new QueueStoreException(Reason.LEASE_LOST, "lease on " + lease.groupId() + " moved to "
                    + (current == null ? "nobody" : current.nodeId() + " epoch " + current.epoch()));
        }
    }

    @Override
    public void release(Lease lease) {
        beforeWrite();
        Lease current = tables.leases.get(lease.groupId());
        if (current != null && current.nodeId().equals(lease.nodeId()) && current.epoch() == lease.epoch()) {
            // Keep the epoch with no holder, so the next claim gets a higher one and an old lease stays fenced.
            put(tables.leases, lease.groupId(), new Lease(lease.groupId(), RELEASED, lease.epoch(), 0));
        }
    }
}
