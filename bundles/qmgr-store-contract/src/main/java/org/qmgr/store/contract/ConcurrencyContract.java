package org.qmgr.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStore;

/**
 * Part of the {@link QueueStoreContract}: eight threads writing at once: sequences stay unique,
 * read-modify-write sequences inside one transaction lose no update, appends computed from the files read
 * keep the index rule, and one claim wins.
 */
public abstract class ConcurrencyContract extends LeaseContract {

    /** Threads writing at once. */
    protected static final int THREADS = 8;
    /** Transactions per thread. */
    protected static final int ROUNDS = 12;

    /**
     * Runs one task per thread, all started together, and returns their results.
     *
     * @param <T>   the result type
     * @param tasks the task of thread {@code i}
     * @return the results in thread order
     * @throws Exception when a task failed or timed out
     */
    protected static <T> List<T> runTogether(IntFunction<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<T> task = tasks.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentWritersHandOutUniqueSequences() throws Exception {
        writersHandOutUniqueSequences(t -> store);
    }

    @Test
    void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
        readModifyWriteLosesNoUpdate(t -> store);
    }

    @Test
    void concurrentAppendsKeepTheIndexRule() throws Exception {
        appendsKeepTheIndexRule(t -> store);
    }

    @Test
    void concurrentClaimsHaveOneWinner() throws Exception {
        claimsHaveOneWinner(t -> store);
    }

    /**
     * Each thread stores groups with fresh sequences.
     *
     * @param nodes the store each thread writes to
     * @throws Exception when a thread failed
     */
    protected void writersHandOutUniqueSequences(IntFunction<QueueStore> nodes) throws Exception {
        runTogether(t -> () -> {
            for (int r = 0; r < ROUNDS; r++) {
                newGroup(nodes.apply(t));
            }
            return null;
        });

        List<GroupRecord> groups = groups();
        assertThat(groups).hasSize(THREADS * ROUNDS);
        assertThat(groups).extracting(GroupRecord::sequence).doesNotHaveDuplicates().isSorted();
        assertThat(lastSequence()).isEqualTo(groups.get(groups.size() - 1).sequence());
    }

    /**
     * Each thread reads a group and writes it back with one more retry.
     *
     * @param nodes the store each thread writes to
     * @throws Exception when a thread failed
     */
    protected void readModifyWriteLosesNoUpdate(IntFunction<QueueStore> nodes) throws Exception {
        UUID group = newGroup(store);
        runTogether(t -> () -> {
            for (int r = 0; r < ROUNDS; r++) {
                write(nodes.apply(t), tx -> {
                    GroupRecord g = tx.group(group).orElseThrow();
                    tx.updateGroup(g.toBuilder().retries(g.retries() + 1).build());
                });
            }
            return null;
        });
        assertThat(group(group)).map(GroupRecord::retries).contains(THREADS * ROUNDS);
    }

    /**
     * Each thread appends a file at the index it computes from the files it reads.
     *
     * @param nodes the store each thread writes to
     * @throws Exception when a thread failed
     */
    protected void appendsKeepTheIndexRule(IntFunction<QueueStore> nodes) throws Exception {
        UUID job = newJob(store, newGroup(store));
        runTogether(t -> () -> {
            for (int r = 0; r < ROUNDS; r++) {
                write(nodes.apply(t), tx -> {
                    int next = tx.files(job).size();
                    tx.insertFiles(List.of(FileRecord.pending(job, next, "http://h/" + next, "/f" + next, 0, null)));
                });
            }
            return null;
        });
        List<FileRecord> files = files(job);
        assertThat(files).hasSize(THREADS * ROUNDS);
        for (int i = 0; i < files.size(); i++) {
            assertThat(files.get(i).index()).isEqualTo(i);
        }
    }

    /**
     * Every thread claims the same group for its own node.
     *
     * @param nodes the store each thread writes to
     * @throws Exception when a thread failed
     */
    protected void claimsHaveOneWinner(IntFunction<QueueStore> nodes) throws Exception {
        UUID group = newGroup(store);
        List<Optional<Lease>> claims = runTogether(
                t -> () -> tryClaim(nodes.apply(t), group, "node-" + t, Duration.ofMinutes(10)));
        assertThat(claims).filteredOn(Optional::isPresent).hasSize(1);
    }
}
