package org.qmgr.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The progress a stopped Karaf's JDBC store holds for one file ({@code qmgr_file} row), read from a copy of its
 * embedded H2 database, so the next start of that Karaf finds the database exactly as the old JVM left it.
 *
 * @param bytesDone  the checkpointed byte count
 * @param totalBytes the file size the store knows, -1 if none
 * @param tempPath   the temp file the transfer writes, or {@code null}
 * @param etag       the validator stored for If-Range, or {@code null}
 * @param digestStateBytes the size of the stored SHA-256 state, 0 when none was stored
 */
record StoredCheckpoint(long bytesDone, long totalBytes, String tempPath, String etag, int digestStateBytes) {

    private static final String CONFIG = "etc/org.ops4j.datasource-qmgr.cfg";
    private static final String DATA_URL = "jdbc:h2:file:${karaf.data}/";

    /** Reads the row of the file downloading to {@code localPath} from the installation's H2 queue database. */
    static StoredCheckpoint read(Path karafHome, Path localPath) throws IOException, SQLException {
        Path cfg = karafHome.resolve(CONFIG);
        String url = KarafProcess.property(cfg, "url")
                .orElseThrow(() -> new AssertionError("no url in " + cfg));
        if (!url.startsWith(DATA_URL)) {
            throw new AssertionError("not an H2 file database under ${karaf.data}: url = " + url + " in " + cfg);
        }
        int options = url.indexOf(';');
        String name = options < 0 ? url.substring(DATA_URL.length()) : url.substring(DATA_URL.length(), options);
        Path database = karafHome.resolve("data").resolve(name + ".mv.db");
        Path copyDir = Files.createTempDirectory(karafHome.getParent(), "queue-copy");
        try {
            Path copy = Files.copy(database, copyDir.resolve("queue.mv.db"));
            // IFEXISTS: a wrong path must fail, not open a new empty database
            String copyUrl = "jdbc:h2:file:" + copyDir.resolve("queue") + ";IFEXISTS=TRUE"
                    + (options < 0 ? "" : url.substring(options));
            String user = KarafProcess.property(cfg, "user").orElse("");
            String password = KarafProcess.property(cfg, "password").orElse("");
            try (Connection c = DriverManager.getConnection(copyUrl, user, password)) {
                return query(c, localPath);
            } finally {
                Files.deleteIfExists(copy);
            }
        } finally {
            KarafProcess.deleteRecursively(copyDir);
        }
    }

    private static StoredCheckpoint query(Connection c, Path localPath) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT bytes_done, total_bytes, temp_path, etag, digest_state FROM qmgr_file WHERE local_path = ?")) {
            s.setString(1, localPath.toString());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new AssertionError("no qmgr_file row for " + localPath);
                }
                byte[] digestState = r.getBytes(5);
                StoredCheckpoint checkpoint = new StoredCheckpoint(r.getLong(1), r.getLong(2), r.getString(3),
                        r.getString(4), digestState == null ? 0 : digestState.length);
                if (r.next()) {
                    throw new AssertionError("several qmgr_file rows for " + localPath);
                }
                return checkpoint;
            }
        }
    }
}
