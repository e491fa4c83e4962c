package org.qmgr.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.spi.store.QueueStoreException.Reason.DUPLICATE_KEY;
import static org.qmgr.spi.store.QueueStoreException.Reason.LEASE_LOST;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.StoreTransaction;

/**
 * Part of the {@link QueueStoreContract}: two stores on one database, as two nodes: each sees the other's
 * commits (notifications included), sequences stay unique, read-modify-writes lose nothing, and leases fence across them, also while a
 * fenced commit is under way. Skipped for stores without {@link #sameDatabaseStore()}.
 */
public abstract class SameDatabaseContract extends ConcurrencyContract {

    private static final Duration LIVE = Duration.ofMinutes(10);

    /** The second node, opened on first use. */
    private QueueStore other;

    /** @return the second node on the store's data (skips the test when the store has none) */
    protected QueueStore other() {
        if (other == null) {
            other = sameDatabaseStore();
        }
        return other;
    }

    /** @return the node each thread writes to: even threads the first, odd threads the second */
    private IntFunction<QueueStore> bothNodes() {
        QueueStore second = other();
        return t -> t % 2 == 0 ? store : second;
    }

    @Test
    void writersOnTwoNodesHandOutUniqueSequences() throws Exception {
        writersHandOutUniqueSequences(bothNodes());
    }

    @Test
    void readModifyWriteOnTwoNodesLosesNoUpdate() throws Exception {
        readModifyWriteLosesNoUpdate(bothNodes());
    }

    @Test
    void appendsOnTwoNodesKeepTheIndexRule() throws Exception {
        appendsKeepTheIndexRule(bothNodes());
    }

    @Test
    void claimsOnTwoNodesHaveOneWinner() throws Exception {
        claimsHaveOneWinner(bothNodes());
    }

    @Test
    void eachNodeSeesTheOthersCommits() {
        QueueStore second = other();
        UUID group = newGroup(store);
        UUID job = newJob(second, group);
        write(second, tx -> tx.insertFiles(Records.pendingFiles(job, 0, 2)));
        addFiles(job, 2, 1);

        assertThat(group(second, group)).isPresent();
        assertThat(job(job)).map(JobRecord::groupId).contains(group);
        assertThat(files(second, job)).hasSize(3);

        GroupRecord changed = Records.fullGroup(group, 1);
        write(second, tx -> tx.updateGroup(changed));
        assertThat(group(group)).contains(changed);

        write(tx -> tx.deleteGroup(group));
        assertThat(groups(second)).isEmpty();
        assertThat(files(second, job)).isEmpty();
    }

    @Test
    void sequencesAreSharedAndKeepRising() {
        QueueStore second = other();
        long a1 = nextSequence(store);
        long b1 = nextSequence(second);
        long a2 = nextSequence(store);
        assertThat(b1).isGreaterThan(a1);
        assertThat(a2).isGreaterThan(b1);
        assertThat(lastSequence(second)).isEqualTo(a2);
    }

    @Test
    void duplicatesAreRefusedAcrossNodes() {
        QueueStore second = other();
        UUID group = newGroup(store);
        assertFails(DUPLICATE_KEY, () -> write(second, tx -> tx.insertGroup(GroupRecord.create(group, "o", 9, 1))));
        UUID job = newJob(second, group);
        assertFails(DUPLICATE_KEY, () -> write(tx -> tx.insertJob(new JobRecord(job, group, 10))));
    }

    @Test
    void eachNodeSeesTheOthersNotifications() {
        QueueStore second = other();
        UUID group = newGroup(store);
        QueueEvent first = newNotification(store, group);
        QueueEvent last = newNotification(second, group);

        assertThat(notifications(second)).containsExactly(first, last);
        assertFails(DUPLICATE_KEY, () -> write(second, tx -> tx.insertNotification(
                Records.fullNotification(group, first.sequence()))));
        write(second, tx -> tx.deleteNotifications(List.of(first.sequence())));
        assertThat(notifications(store)).containsExactly(last);
        write(tx -> tx.deleteGroup(group));
        assertThat(notifications(second)).isEmpty();
    }

    @Test
    void aLeaseHeldByOneNodeFencesTheOther() {
        QueueStore second = other();
        UUID group = newGroup(store);
        Lease a = store.write(tx -> tx.claim(group, "node-a", LIVE)).orElseThrow();
        assertThat(tryClaim(second, group, "node-b", LIVE)).isEmpty();

        Lease expiring = store.write(tx -> tx.renew(a, Duration.ZERO));
        Lease b = second.write(tx -> tx.claim(group, "node-b", LIVE)).orElseThrow();
        assertThat(b.epoch()).isEqualTo(a.epoch() + 1);

        assertFails(LEASE_LOST, () -> write(tx -> {
            tx.updateGroup(tx.group(group).orElseThrow().toBuilder().state(GroupState.COMPLETE).build());
            tx.verify(expiring);
        }));
        assertFails(LEASE_LOST, () -> store.write(tx -> tx.renew(expiring, LIVE)));
        write(tx -> tx.release(expiring));
        second.read(tx -> {
            tx.verify(b);
            assertThat(tx.group(group)).map(GroupRecord::state).contains(GroupState.SUSPENDED);
            return null;
        });
        assertThat(tryClaim(store, group, "node-a", LIVE)).isEmpty();
    }

    /**
     * A fenced commit does work between its verify and its commit (the engine renames a file there): until it
     * commits, the lease it verified cannot be taken over, even when it has expired, so the work is never
     * done by a node that already lost the lease. The takeover waits for the commit (a row lock), then wins.
     */
    @Test
    void aLeaseVerifiedInAWriteCannotBeTakenOverBeforeThatWriteCommits() throws Exception {
        QueueStore second = other();
        UUID group = newGroup(store);
        Lease expired = store.write(tx -> tx.claim(group, "node-a", Duration.ZERO)).orElseThrow();
        CountDownLatch verified = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> fenced = pool.submit(() -> write(tx -> {
                tx.verify(expired);
                verified.countDown();
                awaitQuietly(commit);
                tx.updateGroup(tx.group(group).orElseThrow().toBuilder().retries(7).build());
            }));
            assertThat(verified.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Optional<Lease>> takeover = pool.submit(() -> tryClaim(second, group, "node-b", LIVE));
            // Well inside H2's 2 s lock timeout: the claim must still be waiting, not refused nor granted.
            assertThatThrownBy(() -> takeover.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            commit.countDown();
            fenced.get(30, TimeUnit.SECONDS);
            assertThat(takeover.get(30, TimeUnit.SECONDS)).hasValueSatisfying(
                    b -> assertThat(b.epoch()).isEqualTo(expired.epoch() + 1));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
        assertThat(group(group)).map(GroupRecord::retries).contains(7);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never let the fenced write commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
