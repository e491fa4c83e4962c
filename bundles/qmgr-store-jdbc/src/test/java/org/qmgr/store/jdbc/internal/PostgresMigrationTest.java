package org.qmgr.store.jdbc.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * {@link MigrationTest} on a real PostgreSQL: one server for the class, a schema per test; "down" stops the
 * server and "up" starts it again on the same data directory and port. If it cannot start, the class fails.
 */
class PostgresMigrationTest extends MigrationTest {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static EmbeddedPostgres pg;
    private static int port;

    private String schema;

    @BeforeAll
    static void startServer() {
        pg = TestDatabases.startPostgres(dataDir.resolve("cluster"), 0);
        port = pg.getPort();
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected DataSource newDatabase() {
        schema = "migration_" + SCHEMAS.incrementAndGet();
        TestDatabases.createSchema(pg, schema);
        return sameDatabase();
    }

    @Override
    protected DataSource sameDatabase() {
        return TestDatabases.postgres(port, schema);
    }

    @Override
    protected void takeDown() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new IllegalStateException("the PostgreSQL server did not stop", e);
        }
        pg = null;
    }

    @Override
    protected void bringUp() {
        pg = TestDatabases.startPostgres(dataDir.resolve("cluster"), port);
    }

    @Override
    protected void dropConnections() {
        TestDatabases.execute(pg.getPostgresDatabase(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name = '" + TestDatabases.APPLICATION_NAME + "'");
    }
}
