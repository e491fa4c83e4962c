package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.QueueStoreException.Reason;

/**
 * Everything that differs between the supported databases, in one place: column types, row-lock clauses,
 * the counter increment, and how concurrent schema migrations are serialised.
 */
enum Dialect {

    /** H2 2.x (embedded, the default). */
    H2("BINARY VARYING", "FOR UPDATE",
            "SELECT counter_value FROM FINAL TABLE (" + Dialect.INCREMENT + ")") {
        @Override
        void makeDurable(Connection c, CommitDurability durability) throws SQLException {
            // H2 writes committed changes lazily; a checkpoint writes them (and with SYNC forces them) now.
            String checkpoint = switch (durability) {
                case SYNC -> "CHECKPOINT SYNC";
                case FLUSH -> "CHECKPOINT";
                case DEFERRED -> null;
            };
            if (checkpoint != null) {
                try (Statement s = c.createStatement()) {
                    s.execute(checkpoint);
                }
            }
        }
    },

    /**
     * PostgreSQL. Row locks are {@code FOR NO KEY UPDATE}: they still serialise read-modify-writes and
     * claims, but do not block the key-share locks that inserting a job or file takes on its parent row.
     */
    POSTGRESQL("BYTEA", "FOR NO KEY UPDATE", Dialect.INCREMENT + " RETURNING counter_value") {
        @Override
        void lockMigrations(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, MIGRATION_LOCK_KEY);
                ps.executeQuery().close();
            }
        }
    };

    private static final String INCREMENT =
            "UPDATE qmgr_counter SET counter_value = counter_value + 1 WHERE name = 'sequence'";
    /** Advisory lock key of schema migrations ("qmgr" in ASCII). */
    private static final long MIGRATION_LOCK_KEY = 0x716d6772L;

    private final String bytesType;
    private final String lockRows;
    private final String nextSequence;

    Dialect(String bytesType, String lockRows, String nextSequence) {
        this.bytesType = bytesType;
        this.lockRows = lockRows;
        this.nextSequence = nextSequence;
    }

    /**
     * @param metaData the database's metadata
     * @return the dialect of that database
     * @throws SQLException when the metadata cannot be read
     * @throws QueueStoreException UNAVAILABLE for a database that is not supported
     */
    static Dialect detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        if ("H2".equalsIgnoreCase(product)) {
            return H2;
        }
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return POSTGRESQL;
        }
        throw new QueueStoreException(Reason.UNAVAILABLE, "unsupported database " + product + " "
                + metaData.getDatabaseProductVersion() + ": the JDBC queue store supports H2 and PostgreSQL");
    }

    /** @return the clause appended to a SELECT to lock the rows read until the transaction ends */
    String lockRows() {
        return lockRows;
    }

    /** @return a query that raises the sequence counter by one and returns its new value */
    String nextSequence() {
        return nextSequence;
    }

    /**
     * Replaces the dialect placeholders of a migration script ({@code ${bytes}}: a variable-length byte
     * string type).
     *
     * @param sql the script text
     * @return the text for this database
     */
    String render(String sql) {
        return sql.replace("${bytes}", bytesType);
    }

    /**
     * Serialises schema migrations of several nodes until the current transaction ends. Not possible on H2,
     * whose DDL commits (and so unlocks) at once: there {@link SchemaMigrator} serialises the stores of the
     * JVM, the only ones that can open an embedded H2 database.
     *
     * @param c the migration's connection
     * @throws SQLException when the lock cannot be taken
     */
    void lockMigrations(Connection c) throws SQLException {
        // nothing for H2
    }

    /**
     * Makes a transaction that has just committed on {@code c} as durable as asked. PostgreSQL's commit is
     * already as durable as its server is configured to make it: nothing to do there.
     *
     * @param c          the connection that committed
     * @param durability how durable the commit must be
     * @throws SQLException when the database cannot write
     */
    void makeDurable(Connection c, CommitDurability durability) throws SQLException {
        // the server decides
    }
}
