package org.qmgr.store.jdbc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ds.common.BaseDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Real databases for the tests: H2 files in a temp folder, and an embedded PostgreSQL server. */
final class TestDatabases {

    /** The application name of store connections, so that a test can find and kill their backends. */
    static final String APPLICATION_NAME = "qmgr-store-test";

    private TestDatabases() {
    }

    /** @return the JDBC URL of an H2 file database in {@code dir} */
    static String h2Url(Path dir, String name) {
        return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
    }

    /** @return a small connection pool on an H2 URL; dispose it after the test */
    static JdbcConnectionPool h2Pool(String url) {
        return JdbcConnectionPool.create(url, "sa", "");
    }

    /**
     * Starts a PostgreSQL server. A failure to start fails the test class; it never skips it.
     *
     * @param dataDir where the cluster lives (kept on close), or {@code null} for a throw-away one
     * @param port    the port, or 0 for any free one
     * @return the running server
     */
    static EmbeddedPostgres startPostgres(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            if (port != 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
        }
    }

    /** @return an unpooled data source on {@code schema} of the server's {@code postgres} database */
    static DataSource postgres(int port, String schema) {
        return configure(new PGSimpleDataSource(), port, schema);
    }

    /**
     * @return a small connection pool (as pax-jdbc would give) on {@code schema} of the server's
     *         {@code postgres} database; dispose it after the test
     */
    static JdbcConnectionPool postgresPool(int port, String schema) {
        return JdbcConnectionPool.create(configure(new PGConnectionPoolDataSource(), port, schema));
    }

    private static <T extends BaseDataSource> T configure(T ds, int port, String schema) {
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setCurrentSchema(schema);
        ds.setApplicationName(APPLICATION_NAME);
        ds.setConnectTimeout(5);
        return ds;
    }

    /** Creates a schema on the server, as its superuser. */
    static void createSchema(EmbeddedPostgres pg, String schema) {
        execute(pg.getPostgresDatabase(), "CREATE SCHEMA " + schema);
    }

    /** Runs one statement on a data source. */
    static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
