package org.qmgr.store.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStoreException;

/** The memory store keeps transactions atomic and leases fenced. */
class MemoryQueueStoreTest {

    private final MemoryQueueStore store = new MemoryQueueStore();

    @Test
    void aFailingWriteLeavesNothingBehind() {
        UUID groupId = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        store.write(tx -> {
            tx.insertGroup(GroupRecord.create(groupId, "me", tx.nextSequence(), 1));
            tx.insertJob(new JobRecord(jobId, groupId, tx.nextSequence()));
            return null;
        });
        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertFiles(List.of(FileRecord.pending(jobId, 0, "http://h/a", "/tmp/a", 0, null)));
            tx.updateGroup(tx.group(groupId).orElseThrow().toBuilder().state(GroupState.QUEUED).build());
            tx.deleteJob(jobId);
            tx.nextSequence();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        store.read(tx -> {
            assertThat(tx.group(groupId)).map(GroupRecord::state).contains(GroupState.SUSPENDED);
            assertThat(tx.job(jobId)).isPresent();
            assertThat(tx.files(jobId)).isEmpty();
            assertThat(tx.lastSequence()).isEqualTo(2);
            return null;
        });
    }

    @Test
    void filesMustBeAppendedAtTheNextIndexAndDuplicatesAreRefused() {
        UUID groupId = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        store.write(tx -> {
            tx.insertGroup(GroupRecord.create(groupId, "me", 1, 1));
            tx.insertJob(new JobRecord(jobId, groupId, 2));
            return null;
        });
        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertFiles(List.of(FileRecord.pending(jobId, 1, "http://h/a", "/tmp/a", 0, null)));
            return null;
        })).isInstanceOfSatisfying(QueueStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(QueueStoreException.Reason.ILLEGAL_OPERATION));
        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertGroup(GroupRecord.create(groupId, "other", 3, 1));
            return null;
        })).isInstanceOfSatisfying(QueueStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(QueueStoreException.Reason.DUPLICATE_KEY));
        assertThatThrownBy(() -> store.read(tx -> {
            tx.deleteGroup(groupId);
            return null;
        })).isInstanceOf(QueueStoreException.class);
    }

    @Test
    void aLeaseTakenOverByAnotherNodeFencesTheOldHolder() {
        UUID groupId = UUID.randomUUID();
        store.write(tx -> {
            tx.insertGroup(GroupRecord.create(groupId, "me", 1, 1));
            return null;
        });
        Lease a = store.write(tx -> tx.claim(groupId, "node-a", Duration.ZERO)).orElseThrow();
        Optional<Lease> b = store.write(tx -> tx.claim(groupId, "node-b", Duration.ofMinutes(1)));
        assertThat(b).isPresent();
        assertThat(b.get().epoch()).isEqualTo(a.epoch() + 1);
        Optional<Lease> again = store.write(tx -> tx.claim(groupId, "node-a", Duration.ofMinutes(1)));
        assertThat(again).isEmpty();
        assertThatThrownBy(() -> store.write(tx -> {
            tx.verify(a);
            return null;
        })).isInstanceOfSatisfying(QueueStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(QueueStoreException.Reason.LEASE_LOST));
        store.write(tx -> {
            tx.verify(b.get());
            return tx.renew(b.get(), Duration.ofMinutes(2));
        });
    }

    @Test
    void aReleasedLeaseStaysFencedWhenTheSameNodeClaimsAgain() {
        UUID groupId = UUID.randomUUID();
        store.write(tx -> {
            tx.insertGroup(GroupRecord.create(groupId, "me", 1, 1));
            return null;
        });
        Lease first = store.write(tx -> tx.claim(groupId, "node-a", Duration.ofMinutes(1))).orElseThrow();
        store.write(tx -> {
            tx.release(first);
            return null;
        });
        Lease second = store.write(tx -> tx.claim(groupId, "node-a", Duration.ofMinutes(1))).orElseThrow();

        assertThat(second.epoch()).isGreaterThan(first.epoch());
        assertThatThrownBy(() -> store.write(tx -> {
            tx.verify(first);
            return null;
        })).isInstanceOfSatisfying(QueueStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(QueueStoreException.Reason.LEASE_LOST));
    }
}
