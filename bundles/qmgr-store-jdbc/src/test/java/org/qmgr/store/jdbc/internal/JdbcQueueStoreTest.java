package org.qmgr.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.QueueStoreException.Reason;
import org.qmgr.spi.store.StoreTransaction;
import org.qmgr.store.contract.Records;

/** What the JDBC store adds to the contract: no I/O at activation, batches, doomed transactions, fencing. */
class JdbcQueueStoreTest {

    @TempDir
    Path dir;

    private JdbcConnectionPool pool;
    private RecordingDataSource db;
    private JdbcQueueStore store;

    @BeforeEach
    void open() {
        pool = TestDatabases.h2Pool(TestDatabases.h2Url(dir, "queue"));
        db = new RecordingDataSource(pool);
        store = new JdbcQueueStore(db);
    }

    @AfterEach
    void close() {
        pool.dispose();
    }

    @Test
    void creatingTheStoreTouchesNoDatabase() {
        assertThat(db.connections()).isZero();
        store.read(StoreTransaction::lastSequence);
        assertThat(db.connections()).isEqualTo(2); // the migration's, then the transaction's
    }

    @Test
    void aHundredFilesAreInsertedInOneBatch() {
        UUID job = UUID.randomUUID();
        store.write(tx -> {
            UUID group = UUID.randomUUID();
            tx.insertGroup(GroupRecord.create(group, "o", tx.nextSequence(), 1));
            tx.insertJob(new JobRecord(job, group, tx.nextSequence()));
            return null;
        });
        db.calls().clear();

        store.write(tx -> {
            tx.insertFiles(Records.pendingFiles(job, 0, 100));
            return null;
        });

        List<String> fileInserts = db.calls().stream().filter(c -> c.contains("INSERT INTO qmgr_file"))
                .map(c -> c.substring(0, c.indexOf(':'))).toList();
        assertThat(fileInserts).hasSize(101).containsOnly("addBatch", "executeBatch").endsWith("executeBatch")
                .containsOnlyOnce("executeBatch");
        int stored = store.read(tx -> tx.files(job).size());
        assertThat(stored).isEqualTo(100);
    }

    @Test
    void aSwallowedDatabaseFailureStillRollsTheTransactionBack() {
        db.failOn("INSERT INTO qmgr_job", new SQLException("injected", "23505"));
        UUID group = UUID.randomUUID();

        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertGroup(GroupRecord.create(group, "o", tx.nextSequence(), 1));
            try {
                tx.insertJob(new JobRecord(UUID.randomUUID(), group, tx.nextSequence()));
            } catch (QueueStoreException e) {
                assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_KEY);
            }
            return "ignored";
        })).isInstanceOfSatisfying(QueueStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_KEY));
        int groups = store.read(tx -> tx.groups().size());
        assertThat(groups).isZero();
        assertThat(store.read(StoreTransaction::lastSequence)).isZero();
    }

    @Test
    void aTransactionCannotBeUsedAfterItsWork() {
        AtomicReference<StoreTransaction> kept = new AtomicReference<>();
        store.write(tx -> {
            kept.set(tx);
            return null;
        });
        assertThatThrownBy(() -> kept.get().groups()).isInstanceOfSatisfying(QueueStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.ILLEGAL_OPERATION));
    }

    @Test
    void epochsNeverRepeatForAGroupSoAReleasedLeaseStaysFenced() {
        UUID group = UUID.randomUUID();
        store.write(tx -> {
            tx.insertGroup(GroupRecord.create(group, "o", tx.nextSequence(), 1));
            return null;
        });
        Lease first = store.write(tx -> tx.claim(group, "node-a", Duration.ofMinutes(1))).orElseThrow();
        store.write(tx -> {
            tx.release(first);
            return null;
        });
        Lease second = store.write(tx -> tx.claim(group, "node-a", Duration.ofMinutes(1))).orElseThrow();

        assertThat(second.epoch()).isGreaterThan(first.epoch());
        assertThatThrownBy(() -> store.read(tx -> {
            tx.verify(first);
            return null;
        })).isInstanceOfSatisfying(QueueStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.LEASE_LOST));
    }
}
