package org.qmgr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.engine.Constants;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Embedded H2 file databases in a directory, opened with the URL options of the distribution's default
 * DataSource ({@code LOCK_TIMEOUT=10000}). The run directory's cleanup removes the files.
 */
final class H2Database implements Database {

    private final Path dir;

    /** @param dir where the database files go; created if missing */
    H2Database(Path dir) {
        try {
            this.dir = Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the H2 directory " + dir, e);
        }
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String describe() {
        return "H2 " + Constants.FULL_VERSION + ", embedded file database in " + dir;
    }

    @Override
    public QueueDatabase create(String label) {
        String url = "jdbc:h2:file:" + dir.resolve(label).toAbsolutePath() + ";LOCK_TIMEOUT=10000";
        return new QueueDatabase() {
            @Override
            public String location() {
                return url;
            }

            @Override
            public JdbcConnectionPool connect() {
                return JdbcConnectionPool.create(url, "sa", "");
            }
        };
    }

    @Override
    public void close() {
        // Nothing runs: each database closes with its last pool.
    }
}
