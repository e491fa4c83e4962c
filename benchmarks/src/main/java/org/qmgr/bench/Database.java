package org.qmgr.bench;

import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A database product the JDBC store runs on (one H2 directory, one PostgreSQL server), which hands out empty
 * queue databases. Closing it stops what it started and removes what it made, unless the run keeps them.
 */
public interface Database extends AutoCloseable {

    /** @return the store name used in the results table, e.g. {@code h2} */
    String name();

    /** @return product, version and the settings that matter for the figures, for the table's header */
    String describe();

    /**
     * @param label a name for the new queue database, lower case letters, digits and dashes
     * @return a new, empty queue database (a file database, or a schema)
     */
    QueueDatabase create(String label);

    @Override
    void close();

    /** One queue database, opened as often as a scenario restarts the store on it. */
    interface QueueDatabase {

        /** @return where it is, for progress messages */
        String location();

        /**
         * Opens a new connection pool on this database, as a host does at start (pax-jdbc gives the store a
         * pooled DataSource); disposing the pool closes an embedded H2 database.
         *
         * @return the pool; dispose it when the store stops
         */
        JdbcConnectionPool connect();
    }
}
