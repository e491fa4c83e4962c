package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.QueueStoreException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the schema version of this code: applies the pending {@link Migration}s in order,
 * each in its own transaction (PostgreSQL runs DDL transactionally; H2 commits each DDL statement, which is
 * why the scripts are re-runnable), and records each in {@code qmgr_schema_version}. A database whose version
 * is newer than this code is refused with SCHEMA_TOO_NEW and left untouched.
 */
final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Object JVM_MIGRATIONS = new Object();
    private static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS qmgr_schema_version ("
            + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
            + "applied_millis BIGINT NOT NULL)";

    private SchemaMigrator() {
    }

    /**
     * @param dataSource the database
     * @return its dialect, once its schema is current
     * @throws QueueStoreException UNAVAILABLE when the database cannot be reached or migrated, SCHEMA_TOO_NEW
     *         when it was written by a newer schema
     */
    static Dialect migrate(DataSource dataSource) {
        // H2 has no lock that outlives its self-committing DDL, and its IF NOT EXISTS is not atomic: stores of
        // one JVM (the only ones that can open an embedded H2 file) migrate one at a time. PostgreSQL nodes
        // are serialised by an advisory lock (Dialect.lockMigrations).
        synchronized (JVM_MIGRATIONS) {
            return migrateNow(dataSource);
        }
    }

    private static Dialect migrateNow(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.detect(c.getMetaData());
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                while (applyNext(c, dialect)) {
                    // one migration per transaction, until none is pending
                }
            } catch (SQLException | RuntimeException e) {
                JdbcQueueStore.rollback(c, e);
                throw e;
            }
            return dialect;
        } catch (SQLException e) {
            throw SqlErrors.translate("preparing the qmgr schema", e);
        }
    }

    /** @return whether a migration was applied (so another may be pending) */
    private static boolean applyNext(Connection c, Dialect dialect) throws SQLException {
        dialect.lockMigrations(c);
        try (Statement s = c.createStatement()) {
            s.execute(VERSION_TABLE);
        }
        int current = currentVersion(c);
        if (current > Migration.latest()) {
            c.rollback();
            throw new QueueStoreException(Reason.SCHEMA_TOO_NEW, "the database's qmgr schema has version "
                    + current + ", newer than version " + Migration.latest() + " that this qmgr-store-jdbc "
                    + "knows; update qmgr or point it at another database (nothing was changed)");
        }
        Migration next = Migration.ALL.stream().filter(m -> m.version() > current).findFirst().orElse(null);
        if (next == null) {
            c.commit();
            return false;
        }
        try (Statement s = c.createStatement()) {
            for (String sql : next.statements(dialect)) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new SQLException("migration to schema version " + next.version() + " (" + next.description()
                    + ") failed: " + e.getMessage(), e.getSQLState(), e);
        }
        try {
            record(c, next);
            c.commit();
            LOG.info("qmgr schema migrated to version {} ({})", next.version(), next.description());
        } catch (SQLException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(); // another store applied it at the same time (H2 has no migration lock): re-read
        }
        return true;
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM qmgr_schema_version");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void record(Connection c, Migration m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO qmgr_schema_version (version, description, applied_millis) VALUES (?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.description());
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }
}
