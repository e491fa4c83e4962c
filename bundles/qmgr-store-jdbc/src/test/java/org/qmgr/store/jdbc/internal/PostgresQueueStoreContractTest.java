package org.qmgr.store.jdbc.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.store.contract.QueueStoreContract;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The JDBC store on a real PostgreSQL keeps the store contract, also as two stores (nodes) on one database.
 * One server for the class, a fresh schema and connection pool per test. If the server cannot start, the class fails.
 */
class PostgresQueueStoreContractTest extends QueueStoreContract {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres pg;

    private final List<JdbcConnectionPool> pools = new ArrayList<>();
    private String schema;

    @BeforeAll
    static void startServer() {
        pg = TestDatabases.startPostgres(null, 0);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected QueueStore newStore() {
        schema = "contract_" + SCHEMAS.incrementAndGet();
        TestDatabases.createSchema(pg, schema);
        return store();
    }

    @Override
    protected QueueStore sameDatabaseStore() {
        return store();
    }

    private QueueStore store() {
        JdbcConnectionPool pool = TestDatabases.postgresPool(pg.getPort(), schema);
        pools.add(pool);
        return new JdbcQueueStore(pool);
    }

    @AfterEach
    void disposePools() {
        pools.forEach(JdbcConnectionPool::dispose);
    }
}
