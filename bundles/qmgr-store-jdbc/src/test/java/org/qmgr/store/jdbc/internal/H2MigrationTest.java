package org.qmgr.store.jdbc.internal;

import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MigrationTest} on H2 behind an H2 TCP server, so that the database can really go down: the server
 * is stopped and started again on the same port.
 */
class H2MigrationTest extends MigrationTest {

    @TempDir
    Path dir;

    private Server server;
    private int port;
    private int databases;
    private String name;

    @BeforeEach
    void startServer() throws SQLException {
        server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        port = server.getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Override
    protected DataSource newDatabase() {
        name = "db" + databases++;
        return sameDatabase();
    }

    @Override
    protected DataSource sameDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:tcp://localhost:" + port + "/" + name);
        ds.setUser("sa");
        return ds;
    }

    @Override
    protected void takeDown() {
        server.stop();
    }

    @Override
    protected void bringUp() {
        try {
            server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(),
                    "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("the H2 server did not start again on port " + port, e);
        }
    }

    @Override
    protected void dropConnections() {
        takeDown();
        bringUp();
    }
}
