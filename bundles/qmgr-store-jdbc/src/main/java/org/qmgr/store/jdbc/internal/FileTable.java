package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.qmgr.spi.store.FileRecord;

/** The {@code qmgr_file} table: files keyed and ordered by (job_id, idx); appends go in one JDBC batch. */
final class FileTable {

    private static final String SELECT = "SELECT job_id, idx, remote_url, local_path, size_hint, expected_sha256, "
            + "total_bytes, bytes_done, etag, last_modified_millis, temp_path, digest_state, completed, sha256 "
            + "FROM qmgr_file";
    private static final String INSERT = "INSERT INTO qmgr_file (remote_url, local_path, size_hint, "
            + "expected_sha256, total_bytes, bytes_done, etag, last_modified_millis, temp_path, digest_state, "
            + "completed, sha256, job_id, idx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE qmgr_file SET remote_url = ?, local_path = ?, size_hint = ?, "
            + "expected_sha256 = ?, total_bytes = ?, bytes_done = ?, etag = ?, last_modified_millis = ?, "
            + "temp_path = ?, digest_state = ?, completed = ?, sha256 = ? WHERE job_id = ? AND idx = ?";

    private FileTable() {
    }

    static List<FileRecord> ofJob(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE job_id = ? ORDER BY idx")) {
            Jdbc.setUuid(ps, 1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                List<FileRecord> files = new ArrayList<>();
                while (rs.next()) {
                    files.add(read(rs));
                }
                return files;
            }
        }
    }

    /** @return the index the job's next file must take */
    static int nextIndex(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(idx) FROM qmgr_file WHERE job_id = ?")) {
            Jdbc.setUuid(ps, 1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int max = rs.getInt(1);
                return rs.wasNull() ? 0 : max + 1;
            }
        }
    }

    static void insert(Connection c, List<FileRecord> files) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (FileRecord f : files) {
                bind(ps, f);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return whether the file was stored */
    static boolean update(Connection c, FileRecord f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            bind(ps, f);
            return ps.executeUpdate() > 0;
        }
    }

    /** Binds the values in INSERT/UPDATE order: the changeable columns, then the key. */
    private static void bind(PreparedStatement ps, FileRecord f) throws SQLException {
        ps.setString(1, f.remoteUrl());
        ps.setString(2, f.localPath());
        ps.setLong(3, f.sizeHint());
        ps.setString(4, f.expectedSha256());
        ps.setLong(5, f.totalBytes());
        ps.setLong(6, f.bytesDone());
        ps.setString(7, f.etag());
        ps.setLong(8, f.lastModifiedMillis());
        ps.setString(9, f.tempPath());
        ps.setBytes(10, f.digestState());
        ps.setBoolean(11, f.completed());
        ps.setString(12, f.sha256());
        Jdbc.setUuid(ps, 13, f.jobId());
        ps.setInt(14, f.index());
    }

    private static FileRecord read(ResultSet rs) throws SQLException {
        return new FileRecord(Jdbc.getUuid(rs, 1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getLong(10), rs.getString(11),
                rs.getBytes(12), rs.getBoolean(13), rs.getString(14));
    }
}
