package org.qmgr.engine.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.store.jdbc.internal.JdbcQueueStore;

/**
 * A real H2 database behind an H2 TCP server on 127.0.0.1 that a test can stop and start again on the same
 * port and files, so the engine's JDBC store really loses its database and gets it back.
 */
final class H2Database implements AutoCloseable {

    static {
        // A stopped server is reported at once instead of after 16 connect retries (about 1.2 s per attempt).
        // Set before any H2 class reads it: the engine's tests reach H2 only through this class.
        System.setProperty("h2.socketConnectRetry", "0");
    }

    private final Path baseDir;
    private final String name;
    private final int port;
    private Server server;

    /**
     * Starts a server on a free port.
     *
     * @param baseDir where the database files live
     * @param name    the database's name (its file is {@code <name>.mv.db})
     */
    H2Database(Path baseDir, String name) throws SQLException {
        this.baseDir = baseDir;
        this.name = name;
        this.server = newServer(0);
        this.port = server.getPort();
    }

    /** @return a JDBC queue store on this database, as the OSGi component would make it */
    QueueStore store() {
        return store("jdbc:h2:tcp://127.0.0.1:" + port + "/" + name);
    }

    /**
     * @return a JDBC queue store on an embedded H2 file database (no server), as the distribution uses;
     *         its file is {@code <dir>/<name>.mv.db}
     */
    static QueueStore embeddedStore(Path dir, String name) {
        return store(embeddedUrl(dir, name));
    }

    /**
     * @return a JDBC queue store on an embedded H2 file database that stays open until the JVM ends
     *         ({@code DB_CLOSE_DELAY=-1}), as behind the distribution's connection pool. Without it H2 closes
     *         the database (compacting its file) whenever no transaction runs and reopens it for the next one:
     *         a JVM killed in such a window left a database that had lost committed rows, a state production
     *         never meets, so a test that kills the JVM uses this one.
     */
    static QueueStore embeddedStoreHeldOpen(Path dir, String name) {
        return store(embeddedUrl(dir, name) + ";DB_CLOSE_DELAY=-1");
    }

    /** Runs one statement on an embedded H2 file database, as a DBA would. */
    static void execute(Path dir, String name, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(embeddedUrl(dir, name), "sa", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String embeddedUrl(Path dir, String name) {
        return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
    }

    private static QueueStore store(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return new JdbcQueueStore(ds);
    }

    /** @return the database's file */
    Path file() {
        return baseDir.resolve(name + ".mv.db");
    }

    /** Takes the database down: the server stops and closes the database. */
    void stop() {
        server.stop();
    }

    /** Brings it back on the same port and files. */
    void start() throws SQLException {
        server = newServer(port);
    }

    private Server newServer(int tcpPort) throws SQLException {
        return Server.createTcpServer("-tcpPort", String.valueOf(tcpPort), "-baseDir", baseDir.toString(),
                "-ifNotExists").start();
    }

    @Override
    public void close() {
        server.stop();
    }
}
