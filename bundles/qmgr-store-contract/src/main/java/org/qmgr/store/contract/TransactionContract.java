package org.qmgr.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.spi.store.QueueStoreException.Reason.DUPLICATE_KEY;
import static org.qmgr.spi.store.QueueStoreException.Reason.ILLEGAL_OPERATION;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.StoreTransaction;

/**
 * Part of the {@link QueueStoreContract}: transactions: results, atomic writes (a throwing work leaves
 * nothing), read-only refusal and sequences.
 */
public abstract class TransactionContract extends JobFileContract {

    /** What a failing work throws; the store must rethrow this very instance. */
    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom() {
            super("boom");
        }
    }

    /** An Error thrown by a work; rethrown unchanged as well. */
    static final class BoomError extends Error {
        private static final long serialVersionUID = 1L;
    }

    private void failingWrite(Consumer<StoreTransaction> work) {
        Boom boom = new Boom();
        assertThatThrownBy(() -> store.write(tx -> {
            work.accept(tx);
            throw boom;
        })).isSameAs(boom);
    }

    @Test
    void aWriteReturnsItsResultAndLaterReadsSeeIt() {
        UUID id = UUID.randomUUID();
        Long seq = store.write(tx -> {
            long s = tx.nextSequence();
            tx.insertGroup(GroupRecord.create(id, "o", s, 1));
            return s;
        });
        assertThat(group(id)).map(GroupRecord::sequence).contains(seq);
        assertThat(store.<Object>write(tx -> null)).isNull();
        assertThat(store.<Object>read(tx -> null)).isNull();
    }

    @Test
    void aThrowingWorkLeavesNoInsertAndNoSequence() {
        UUID kept = newGroup(store);
        long before = lastSequence();
        UUID group = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        UUID keptJob = UUID.randomUUID();

        failingWrite(tx -> {
            tx.insertGroup(GroupRecord.create(group, "o", tx.nextSequence(), 1));
            tx.insertJob(new JobRecord(job, group, tx.nextSequence()));
            tx.insertJob(new JobRecord(keptJob, kept, tx.nextSequence()));
            tx.insertFiles(Records.pendingFiles(job, 0, 5));
            tx.insertFiles(Records.pendingFiles(keptJob, 0, 5));
            assertThat(tx.lastSequence()).isGreaterThan(before);
        });

        store.read(tx -> {
            assertThat(tx.groups()).extracting(GroupRecord::groupId).containsExactly(kept);
            assertThat(tx.job(job)).isEmpty();
            assertThat(tx.jobs(kept)).isEmpty();
            assertThat(tx.files(keptJob)).isEmpty();
            assertThat(tx.lastSequence()).isEqualTo(before);
            return null;
        });
        assertThat(nextSequence(store)).isGreaterThan(before);
    }

    @Test
    void aThrowingWorkLeavesNoUpdate() {
        GroupRecord group = Records.fullGroup(UUID.randomUUID(), 1);
        write(tx -> tx.insertGroup(group));
        UUID job = newJob(store, group.groupId());
        addFiles(job, 0, 2);
        List<FileRecord> files = files(job);

        failingWrite(tx -> {
            tx.updateGroup(Records.otherFullGroup(group.groupId(), 2));
            tx.updateFile(Records.completedFile(job, 1));
        });

        assertThat(group(group.groupId())).contains(group);
        assertThat(files(job)).containsExactlyElementsOf(files);
    }

    @Test
    void aThrowingWorkLeavesNoDelete() {
        UUID group = newGroup(store);
        UUID other = newGroup(store);
        UUID job = newJob(store, group);
        UUID otherJob = newJob(store, other);
        addFiles(job, 0, 3);
        addFiles(otherJob, 0, 2);
        Lease lease = store.write(tx -> tx.claim(group, "node-a", Duration.ofMinutes(5))).orElseThrow();

        failingWrite(tx -> {
            tx.deleteGroup(group);
            tx.deleteJob(otherJob);
        });

        store.read(tx -> {
            assertThat(tx.groups()).extracting(GroupRecord::groupId).containsExactly(group, other);
            assertThat(tx.files(job)).hasSize(3);
            assertThat(tx.job(otherJob)).isPresent();
            assertThat(tx.files(otherJob)).hasSize(2);
            tx.verify(lease);
            return null;
        });
    }

    @Test
    void aThrowingWorkLeavesNoLeaseChange() {
        UUID held = newGroup(store);
        UUID free = newGroup(store);
        UUID expired = newGroup(store);
        Lease lease = store.write(tx -> tx.claim(held, "node-a", Duration.ofMinutes(5))).orElseThrow();
        Lease old = store.write(tx -> tx.claim(expired, "node-a", Duration.ZERO)).orElseThrow();

        failingWrite(tx -> {
            tx.renew(lease, Duration.ofDays(1));
            tx.claim(free, "node-b", Duration.ofMinutes(5)).orElseThrow();
            tx.claim(expired, "node-b", Duration.ofMinutes(5)).orElseThrow();
        });
        failingWrite(tx -> tx.release(lease));

        store.read(tx -> {
            tx.verify(lease);
            tx.verify(old);
            return null;
        });
        assertThat(tryClaim(store, free, "node-c", Duration.ofMinutes(5))).isPresent();
        assertThat(tryClaim(store, held, "node-c", Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void anErrorOfTheWorkIsRethrownUnchangedAfterTheRollback() {
        BoomError error = new BoomError();
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertGroup(GroupRecord.create(id, "o", tx.nextSequence(), 1));
            throw error;
        })).isSameAs(error);
        assertThat(groups()).isEmpty();
        assertThat(lastSequence()).isZero();
    }

    @Test
    void aStoreFailureInsideTheWorkRollsTheWholeWorkBack() {
        UUID existing = newGroup(store);
        long before = lastSequence();
        UUID fresh = UUID.randomUUID();
        assertFails(DUPLICATE_KEY, () -> write(tx -> {
            tx.insertGroup(GroupRecord.create(fresh, "o", tx.nextSequence(), 1));
            tx.insertGroup(GroupRecord.create(existing, "o", tx.nextSequence(), 1));
        }));
        assertThat(group(fresh)).isEmpty();
        assertThat(lastSequence()).isEqualTo(before);
    }

    @Test
    void aReadOnlyTransactionRefusesEveryWrite() {
        UUID group = newGroup(store);
        UUID job = newJob(store, group);
        addFiles(job, 0, 1);
        Lease lease = store.write(tx -> tx.claim(group, "node-a", Duration.ofMinutes(5))).orElseThrow();
        GroupRecord stored = group(group).orElseThrow();
        long before = lastSequence();
        Map<String, Consumer<StoreTransaction>> writes = new LinkedHashMap<>();
        writes.put("insertGroup", tx -> tx.insertGroup(GroupRecord.create(UUID.randomUUID(), "o", 9, 1)));
        writes.put("updateGroup", tx -> tx.updateGroup(stored.toBuilder().state(GroupState.QUEUED).build()));
        writes.put("deleteGroup", tx -> tx.deleteGroup(group));
        writes.put("insertJob", tx -> tx.insertJob(new JobRecord(UUID.randomUUID(), group, 9)));
        writes.put("deleteJob", tx -> tx.deleteJob(job));
        writes.put("insertFiles", tx -> tx.insertFiles(Records.pendingFiles(job, 1, 1)));
        writes.put("updateFile", tx -> tx.updateFile(Records.completedFile(job, 0)));
        writes.put("nextSequence", StoreTransaction::nextSequence);
        writes.put("claim", tx -> tx.claim(UUID.randomUUID(), "node-b", Duration.ofMinutes(1)));
        writes.put("renew", tx -> tx.renew(lease, Duration.ofDays(1)));
        writes.put("release", tx -> tx.release(lease));

        writes.forEach((name, work) -> assertFails(ILLEGAL_OPERATION, () -> store.read(tx -> {
            work.accept(tx);
            return name;
        })));

        store.read(tx -> {
            assertThat(tx.groups()).containsExactly(stored);
            assertThat(tx.jobs(group)).extracting(JobRecord::jobId).containsExactly(job);
            assertThat(tx.files(job)).containsExactlyElementsOf(Records.pendingFiles(job, 0, 1));
            assertThat(tx.lastSequence()).isEqualTo(before);
            tx.verify(lease);
            return null;
        });
    }

    @Test
    void sequencesRiseAndTheLastOneIsRemembered() {
        assertThat(lastSequence()).isZero();
        long first = nextSequence(store);
        assertThat(first).isPositive();
        store.write(tx -> {
            long second = tx.nextSequence();
            assertThat(second).isGreaterThan(first);
            assertThat(tx.lastSequence()).isEqualTo(second);
            long third = tx.nextSequence();
            assertThat(third).isGreaterThan(second);
            assertThat(tx.lastSequence()).isEqualTo(third);
            return null;
        });
        long last = lastSequence();
        assertThat(nextSequence(store)).isGreaterThan(last);
    }
}
