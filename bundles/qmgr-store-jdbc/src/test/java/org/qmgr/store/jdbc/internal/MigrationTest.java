package org.qmgr.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.QueueStoreException.Reason;
import org.qmgr.spi.store.StoreTransaction;
import org.qmgr.store.contract.Records;

/**
 * Schema versions and database availability, for each supported database: a fresh database gets the
 * current version on first use (not before), a reopened one keeps its data, a newer one is refused and left
 * untouched, and a database that is down makes the store UNAVAILABLE until it is back.
 */
abstract class MigrationTest {

    private static final List<String> TABLES = List.of("qmgr_counter", "qmgr_file", "qmgr_group", "qmgr_job",
            "qmgr_lease", "qmgr_notification", "qmgr_schema_version");
    private static final List<String> VERSIONS = List.of("1|initial schema", "2|custom request headers",
            "3|notification outbox");

    /** @return a data source on a fresh, empty database */
    protected abstract DataSource newDatabase();

    /** @return a second data source on the database of the last {@link #newDatabase()} */
    protected abstract DataSource sameDatabase();

    /** Makes the database unreachable (server stopped). */
    protected abstract void takeDown();

    /** Makes it reachable again, with its data. */
    protected abstract void bringUp();

    /** Breaks every open connection of the stores to the database, which stays up. */
    protected abstract void dropConnections();

    @Test
    void aFreshDatabaseGetsTheCurrentVersionOnFirstUseOnly() {
        DataSource ds = newDatabase();
        QueueStore store = new JdbcQueueStore(ds);
        assertThat(Sql.tables(ds)).isEmpty();

        assertThat(store.read(StoreTransaction::lastSequence)).isZero();
        assertThat(Sql.tables(ds)).containsExactlyElementsOf(TABLES);
        assertThat(Sql.versions(ds)).containsExactlyElementsOf(VERSIONS);
        assertThat(Migration.latest()).isEqualTo(3);
    }

    @Test
    void aReopenedDatabaseKeepsItsDataAndVersion() {
        DataSource ds = newDatabase();
        UUID group = fill(new JdbcQueueStore(ds));

        QueueStore reopened = new JdbcQueueStore(sameDatabase());
        assertThat(group(reopened, group)).isPresent();
        assertThat(fileCount(reopened, group)).isEqualTo(3);
        assertThat(Sql.versions(ds)).hasSize(Migration.ALL.size());
    }

    @Test
    void aNewerSchemaIsRefusedAndLeftUntouched() {
        DataSource ds = newDatabase();
        fill(new JdbcQueueStore(ds));
        TestDatabases.execute(ds, "INSERT INTO qmgr_schema_version VALUES (999, 'from the future', 0)");
        Map<String, List<String>> before = Sql.dump(ds);

        QueueStore store = new JdbcQueueStore(sameDatabase());
        assertTooNew(() -> store.read(tx -> tx.groups()));
        assertTooNew(() -> store.write(StoreTransaction::nextSequence));
        assertThat(Sql.dump(ds)).isEqualTo(before);
    }

    @Test
    void aNewerSchemaWithoutOurTablesGetsNone() {
        DataSource ds = newDatabase();
        TestDatabases.execute(ds, "CREATE TABLE qmgr_schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                + "description VARCHAR(200) NOT NULL, applied_millis BIGINT NOT NULL)");
        TestDatabases.execute(ds, "INSERT INTO qmgr_schema_version VALUES (999, 'from the future', 0)");

        assertTooNew(() -> new JdbcQueueStore(ds).read(tx -> tx.groups()));
        assertThat(Sql.tables(ds)).containsExactly("qmgr_schema_version");
    }

    @Test
    void aDatabaseThatIsDownIsUnavailableUntilItIsBack() {
        DataSource ds = newDatabase();
        QueueStore used = new JdbcQueueStore(ds);
        UUID group = fill(used);
        takeDown();
        try {
            QueueStore unused = new JdbcQueueStore(sameDatabase());
            assertUnavailable(() -> used.read(tx -> tx.groups()));
            assertUnavailable(() -> used.write(StoreTransaction::nextSequence));
            assertUnavailable(() -> unused.read(tx -> tx.groups()));
            assertUnavailable(() -> unused.write(StoreTransaction::nextSequence));
        } finally {
            bringUp();
        }
        assertThat(group(used, group)).isPresent();
        assertThat(group(new JdbcQueueStore(sameDatabase()), group)).isPresent();
    }

    @Test
    void aStoreFirstUsedWhileTheDatabaseIsDownMigratesOnceItIsBack() {
        DataSource ds = newDatabase();
        QueueStore store = new JdbcQueueStore(ds);
        takeDown();
        try {
            assertUnavailable(() -> store.read(tx -> tx.groups()));
        } finally {
            bringUp();
        }
        UUID group = fill(store);
        assertThat(group(store, group)).isPresent();
        assertThat(Sql.versions(ds)).hasSize(Migration.ALL.size());
    }

    @Test
    void aConnectionLostInsideAWriteIsUnavailableAndRolledBack() {
        QueueStore store = new JdbcQueueStore(newDatabase());
        UUID kept = fill(store);
        UUID lost = UUID.randomUUID();
        assertUnavailable(() -> store.write(tx -> {
            tx.insertGroup(GroupRecord.create(lost, "o", tx.nextSequence(), 1));
            dropConnections();
            return tx.groups();
        }));
        assertThat(groups(store)).extracting(GroupRecord::groupId).containsExactly(kept);
    }

    @Test
    void aVersion1DatabaseIsMigratedAndItsGroupsHaveNoCustomHeaders() throws SQLException {
        DataSource ds = newDatabase();
        UUID id = UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            createSchemaAtVersion(c, 1);
            insertGroupRow(c, id);
        }

        QueueStore store = new JdbcQueueStore(sameDatabase());
        assertThat(group(store, id)).contains(GroupRecord.create(id, "owner", 1, 1));
        assertThat(Sql.versions(ds)).containsExactlyElementsOf(VERSIONS);
        GroupRecord withHeaders = GroupRecord.create(id, "owner", 1, 1).toBuilder()
                .customHeaders(Map.of("X-Token", "abc")).build();
        store.write(tx -> {
            tx.updateGroup(withHeaders);
            return null;
        });
        assertThat(group(new JdbcQueueStore(sameDatabase()), id)).contains(withHeaders);
    }

    @Test
    void aVersion2DatabaseIsMigratedKeepsItsDataAndGetsAnOutbox() throws SQLException {
        DataSource ds = newDatabase();
        UUID id = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            createSchemaAtVersion(c, 2);
            insertGroupRow(c, id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE qmgr_group SET custom_headers = ?")) {
                ps.setString(1, "X-Token: abc\r\n");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO qmgr_job (job_id, group_id, seq) VALUES (?, ?, 2)")) {
                Jdbc.setUuid(ps, 1, job);
                Jdbc.setUuid(ps, 2, id);
                ps.executeUpdate();
            }
            s.execute("UPDATE qmgr_counter SET counter_value = 2 WHERE name = 'sequence'");
        }

        QueueStore store = new JdbcQueueStore(sameDatabase());
        GroupRecord expected = GroupRecord.create(id, "owner", 1, 1).toBuilder()
                .customHeaders(Map.of("X-Token", "abc")).build();
        assertThat(group(store, id)).contains(expected);
        List<JobRecord> jobs = store.read(tx -> tx.jobs(id));
        assertThat(jobs).containsExactly(new JobRecord(job, id, 2));
        assertThat(store.read(StoreTransaction::notifications)).isEmpty();
        assertThat(Sql.versions(ds)).containsExactlyElementsOf(VERSIONS);

        QueueEvent stored = store.write(tx -> {
            QueueEvent n = Records.fullNotification(id, tx.nextSequence());
            tx.insertNotification(n);
            return n;
        });
        assertThat(stored.sequence()).isEqualTo(3);
        QueueStore reopened = new JdbcQueueStore(sameDatabase());
        assertThat(reopened.read(StoreTransaction::notifications)).containsExactly(stored);
        reopened.write(tx -> {
            tx.deleteGroup(id);
            return null;
        });
        assertThat(store.read(StoreTransaction::notifications)).isEmpty();
    }

    /** Creates the schema as the code of schema version {@code version} left it, recorded as such. */
    private static void createSchemaAtVersion(Connection c, int version) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Migration m : Migration.ALL.subList(0, version)) {
                for (String sql : m.statements(Dialect.detect(c.getMetaData()))) {
                    s.execute(sql);
                }
            }
            s.execute("CREATE TABLE qmgr_schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied_millis BIGINT NOT NULL)");
            for (Migration m : Migration.ALL.subList(0, version)) {
                s.execute("INSERT INTO qmgr_schema_version VALUES (" + m.version() + ", '" + m.description()
                        + "', 0)");
            }
        }
    }

    /** Inserts the row of a default group (sequence 1, created at 1) with the version-1 columns only. */
    private static void insertGroupRow(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO qmgr_group (group_id, owner, seq, state, "
                + "foreground, background_priority, protocol, notify_flags, display_name, description, "
                + "progress_size, progress_percent, progress_time_millis, win32_result, transport_result, "
                + "retries, error_job_index, error_file_index, active_millis, created_millis, modified_millis) "
                + "VALUES (?, 'owner', 1, 'SUSPENDED', FALSE, 'NORMAL', 1, 0, '', '', 0, 0, 0, 0, 0, 0, -1, -1, "
                + "0, 1, 1)")) {
            Jdbc.setUuid(ps, 1, id);
            ps.executeUpdate();
        }
    }

    /** Stores a group with a job of three files. @return the group's id */
    static UUID fill(QueueStore store) {
        UUID group = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        store.write(tx -> {
            tx.insertGroup(GroupRecord.create(group, "owner", tx.nextSequence(), 1));
            tx.insertJob(new JobRecord(job, group, tx.nextSequence()));
            tx.insertFiles(Records.pendingFiles(job, 0, 3));
            return tx.claim(group, "node-a", Duration.ofMinutes(1));
        });
        return group;
    }

    private static Optional<GroupRecord> group(QueueStore store, UUID id) {
        return store.read(tx -> tx.group(id));
    }

    private static List<GroupRecord> groups(QueueStore store) {
        return store.read(StoreTransaction::groups);
    }

    private static int fileCount(QueueStore store, UUID group) {
        return store.read(tx -> tx.files(tx.jobs(group).get(0).jobId()).size());
    }

    private static void assertTooNew(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QueueStoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.SCHEMA_TOO_NEW);
            assertThat(e.getMessage()).contains("version 999").contains("version " + Migration.latest());
        });
    }

    static void assertUnavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QueueStoreException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.getMessage()).contains("unreachable");
        });
    }
}
