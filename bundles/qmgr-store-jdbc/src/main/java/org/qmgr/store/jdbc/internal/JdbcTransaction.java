package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
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
 * One store transaction on one JDBC connection. Rules the memory store checks in memory (duplicates,
 * missing rows, the file index rule, leases) are checked with queries first, so they fail without a
 * database error and the transaction stays usable, as in the memory store. In a write transaction the point
 * reads {@link #group}, {@link #job} and {@link #files} lock the row read until commit, so read-modify-write
 * sequences are serialised between threads and nodes. A database error dooms the transaction: it is rolled
 * back even if the work swallows the exception.
 */
final class JdbcTransaction implements StoreTransaction {

    /** A JDBC call. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws SQLException;
    }

    private final Connection c;
    private final Dialect dialect;
    private final boolean writable;
    private final String lock;
    private QueueStoreException failure;
    private boolean open = true;

    JdbcTransaction(Connection connection, Dialect dialect, boolean writable) {
        this.c = connection;
        this.dialect = dialect;
        this.writable = writable;
        this.lock = writable ? " " + dialect.lockRows() : "";
    }

    /** Ends the transaction's use by the work. @return the first database failure, or {@code null} */
    QueueStoreException close() {
        open = false;
        return failure;
    }

    private <T> T sql(String what, Call<T> call) {
        if (!open) {
            throw new QueueStoreException(Reason.ILLEGAL_OPERATION, "the transaction is over: " + what);
        }
        try {
            return call.run();
        } catch (SQLException e) {
            QueueStoreException translated = SqlErrors.translate(what, e);
            if (failure == null) {
                failure = translated;
            }
            throw translated;
        }
    }

    private <T> T write(String what, Call<T> call) {
        if (!writable) {
            throw new QueueStoreException(Reason.ILLEGAL_OPERATION, what + " in a read-only transaction");
        }
        return sql(what, call);
    }

    @Override
    public List<GroupRecord> groups() {
        return sql("groups", () -> GroupTable.all(c));
    }

    @Override
    public Optional<GroupRecord> group(UUID groupId) {
        return sql("group", () -> GroupTable.byId(c, groupId, lock));
    }

    @Override
    public List<JobRecord> jobs(UUID groupId) {
        return sql("jobs", () -> JobTable.ofGroup(c, groupId));
    }

    @Override
    public Optional<JobRecord> job(UUID jobId) {
        return sql("job", () -> JobTable.byId(c, jobId, lock));
    }

    @Override
    public List<FileRecord> files(UUID jobId) {
        return sql("files", () -> {
            if (writable) {
                JobTable.lock(c, jobId, lock);
            }
            return FileTable.ofJob(c, jobId);
        });
    }

    @Override
    public List<QueueEvent> notifications() {
        return sql("notifications", () -> NotificationTable.all(c));
    }

    @Override
    public void insertNotification(QueueEvent notification) {
        write("insertNotification", () -> {
            if (!notification.stored()) {
                throw new IllegalArgumentException("a stored notification needs a sequence above 0");
            }
            if (NotificationTable.exists(c, notification.sequence())) {
                throw new QueueStoreException(Reason.DUPLICATE_KEY, "notification exists: " + notification.sequence());
            }
            if (!GroupTable.exists(c, notification.groupId())) {
                throw new QueueStoreException(Reason.NOT_FOUND, "no group " + notification.groupId());
            }
            NotificationTable.insert(c, notification);
            return null;
        });
    }

    @Override
    public void deleteNotifications(Collection<Long> sequences) {
        write("deleteNotifications", () -> {
            if (!sequences.isEmpty()) {
                NotificationTable.delete(c, sequences);
            }
            return null;
        });
    }

    @Override
    public long lastSequence() {
        return sql("lastSequence", () -> SequenceCounter.last(c));
    }

    @Override
    public long nextSequence() {
        return write("nextSequence", () -> SequenceCounter.next(c, dialect));
    }

    @Override
    public void insertGroup(GroupRecord group) {
        write("insertGroup", () -> {
            if (GroupTable.exists(c, group.groupId())) {
                throw new QueueStoreException(Reason.DUPLICATE_KEY, "group exists: " + group.groupId());
            }
            GroupTable.insert(c, group);
            LeaseTable.create(c, group.groupId());
            return null;
        });
    }

    @Override
    public void updateGroup(GroupRecord group) {
        write("updateGroup", () -> {
            if (!GroupTable.update(c, group)) {
                throw new QueueStoreException(Reason.NOT_FOUND, "no group " + group.groupId());
            }
            return null;
        });
    }

    @Override
    public void deleteGroup(UUID groupId) {
        write("deleteGroup", () -> {
            LeaseTable.delete(c, groupId);
            NotificationTable.deleteOfGroup(c, groupId);
            GroupTable.delete(c, groupId);
            return null;
        });
    }

    @Override
    public void insertJob(JobRecord job) {
        write("insertJob", () -> {
            if (JobTable.exists(c, job.jobId())) {
                throw new QueueStoreException(Reason.DUPLICATE_KEY, "job exists: " + job.jobId());
            }
            if (!GroupTable.exists(c, job.groupId())) {
                throw new QueueStoreException(Reason.NOT_FOUND, "no group " + job.groupId());
            }
            JobTable.insert(c, job);
            return null;
        });
    }

    @Override
    public void deleteJob(UUID jobId) {
        write("deleteJob", () -> {
            JobTable.delete(c, jobId);
            return null;
        });
    }

    @Override
    public void insertFiles(List<FileRecord> files) {
        write("insertFiles", () -> {
            Map<UUID, Integer> nextIndex = new HashMap<>();
            for (FileRecord f : files) {
                Integer next = nextIndex.get(f.jobId());
                if (next == null) {
                    if (!JobTable.lock(c, f.jobId(), lock)) {
                        throw new QueueStoreException(Reason.NOT_FOUND, "no job " + f.jobId());
                    }
                    next = FileTable.nextIndex(c, f.jobId());
                }
                if (f.index() != next) {
                    throw new QueueStoreException(Reason.ILLEGAL_OPERATION,
                            "file index " + f.index() + " is not the next index " + next + " of job " + f.jobId());
                }
                nextIndex.put(f.jobId(), next + 1);
            }
            if (!files.isEmpty()) {
                FileTable.insert(c, files);
            }
            return null;
        });
    }

    @Override
    public void updateFile(FileRecord file) {
        write("updateFile", () -> {
            if (!FileTable.update(c, file)) {
                throw new QueueStoreException(Reason.NOT_FOUND, "no file " + file.jobId() + "#" + file.index());
            }
            return null;
        });
    }

    @Override
    public Optional<Lease> claim(UUID groupId, String nodeId, Duration ttl) {
        return write("claim", () -> LeaseTable.claim(c, lock, groupId, nodeId, System.currentTimeMillis(),
                ttl.toMillis()));
    }

    @Override
    public Lease renew(Lease lease, Duration ttl) {
        return write("renew", () -> LeaseTable.renew(c, lock, lease, System.currentTimeMillis(), ttl.toMillis()));
    }

    @Override
    public void verify(Lease lease) {
        sql("verify", () -> {
            LeaseTable.verify(c, lock, lease);
            return null;
        });
    }

    @Override
    public void release(Lease lease) {
        write("release", () -> {
            LeaseTable.release(c, lease);
            return null;
        });
    }
}
