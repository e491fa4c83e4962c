package org.qmgr.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.StoreTransaction;

/**
 * The base of every part of the {@link QueueStoreContract}: the store under test (fresh for each test) and
 * small helpers to fill and check it.
 */
public abstract class StoreContractSupport {

    /** The store under test, fresh and empty for each test. */
    protected QueueStore store;

    /** @return a fresh, empty store */
    protected abstract QueueStore newStore();

    /**
     * @return a second store on the same data as the last {@link #newStore()}, as a second node would see
     *         it; the default skips the tests that need one
     */
    protected QueueStore sameDatabaseStore() {
        Assumptions.abort("this store cannot be opened twice on the same data");
        return null;
    }

    @BeforeEach
    final void openStore() {
        store = newStore();
    }

    /**
     * Runs work in a write transaction of the store under test.
     *
     * @param work what to do
     */
    protected void write(Consumer<StoreTransaction> work) {
        write(store, work);
    }

    /**
     * Runs work in a write transaction of a store.
     *
     * @param target the store
     * @param work   what to do
     */
    protected static void write(QueueStore target, Consumer<StoreTransaction> work) {
        target.write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * Stores a new group with default values and the next sequence.
     *
     * @param target the store
     * @return its id
     */
    protected static UUID newGroup(QueueStore target) {
        UUID id = UUID.randomUUID();
        write(target, tx -> tx.insertGroup(GroupRecord.create(id, "owner", tx.nextSequence(), 1_000)));
        return id;
    }

    /**
     * Stores a new job with the next sequence.
     *
     * @param target  the store
     * @param groupId its group
     * @return its id
     */
    protected static UUID newJob(QueueStore target, UUID groupId) {
        UUID id = UUID.randomUUID();
        write(target, tx -> tx.insertJob(new JobRecord(id, groupId, tx.nextSequence())));
        return id;
    }

    /**
     * Stores {@code count} pending files at the end of a job.
     *
     * @param jobId the job
     * @param first the first index
     * @param count how many
     */
    protected void addFiles(UUID jobId, int first, int count) {
        write(tx -> tx.insertFiles(Records.pendingFiles(jobId, first, count)));
    }

    /**
     * @param jobId the job
     * @return the job's files as stored
     */
    protected List<FileRecord> files(UUID jobId) {
        return files(store, jobId);
    }

    /** @param target the store @param id the group @return the group as stored */
    protected static Optional<GroupRecord> group(QueueStore target, UUID id) {
        return target.read(tx -> tx.group(id));
    }

    /** @param id the group @return the group as stored */
    protected Optional<GroupRecord> group(UUID id) {
        return group(store, id);
    }

    /** @param target the store @return every group, in order */
    protected static List<GroupRecord> groups(QueueStore target) {
        return target.read(StoreTransaction::groups);
    }

    /** @return every group, in order */
    protected List<GroupRecord> groups() {
        return groups(store);
    }

    /** @param target the store @param id the job @return the job as stored */
    protected static Optional<JobRecord> job(QueueStore target, UUID id) {
        return target.read(tx -> tx.job(id));
    }

    /** @param id the job @return the job as stored */
    protected Optional<JobRecord> job(UUID id) {
        return job(store, id);
    }

    /** @param groupId the group @return its jobs, in order */
    protected List<JobRecord> jobs(UUID groupId) {
        return store.read(tx -> tx.jobs(groupId));
    }

    /** @param target the store @param jobId the job @return its files, in order */
    protected static List<FileRecord> files(QueueStore target, UUID jobId) {
        return target.read(tx -> tx.files(jobId));
    }

    /** @param target the store @return the last sequence handed out */
    protected static long lastSequence(QueueStore target) {
        return target.read(StoreTransaction::lastSequence);
    }

    /** @return the last sequence handed out */
    protected long lastSequence() {
        return lastSequence(store);
    }

    /** @param target the store @return the next sequence, committed */
    protected static long nextSequence(QueueStore target) {
        return target.write(StoreTransaction::nextSequence);
    }

    /**
     * @param target the store
     * @param group  the group
     * @param node   the claiming node
     * @param ttl    the time to live
     * @return the lease, or empty when refused
     */
    protected static Optional<Lease> tryClaim(QueueStore target, UUID group, String node, Duration ttl) {
        return target.write(tx -> tx.claim(group, node, ttl));
    }

    /**
     * Asserts that the call fails with a {@link QueueStoreException} of the given reason.
     *
     * @param reason the expected reason
     * @param call   what to call
     */
    protected static void assertFails(QueueStoreException.Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QueueStoreException.class,
                e -> assertThat(e.reason()).as(String.valueOf(e.getMessage())).isEqualTo(reason));
    }
}
