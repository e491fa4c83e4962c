package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.qmgr.spi.store.JobRecord;

/** The {@code qmgr_job} table: jobs by id, listed per group by sequence (index on group_id, seq). */
final class JobTable {

    private static final String SELECT = "SELECT job_id, group_id, seq FROM qmgr_job";
    private static final String INSERT = "INSERT INTO qmgr_job (job_id, group_id, seq) VALUES (?, ?, ?)";

    private JobTable() {
    }

    static List<JobRecord> ofGroup(Connection c, UUID groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE group_id = ? ORDER BY seq, job_id")) {
            Jdbc.setUuid(ps, 1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                List<JobRecord> jobs = new ArrayList<>();
                while (rs.next()) {
                    jobs.add(read(rs));
                }
                return jobs;
            }
        }
    }

    static Optional<JobRecord> byId(Connection c, UUID jobId, String lockClause) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE job_id = ?" + lockClause)) {
            Jdbc.setUuid(ps, 1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Locks a job's row until the transaction ends, so that appends and read-modify-writes of its files
     * are serialised between nodes.
     *
     * @return whether the job exists
     */
    static boolean lock(Connection c, UUID jobId, String lockClause) throws SQLException {
        return Jdbc.exists(c, "SELECT job_id FROM qmgr_job WHERE job_id = ? " + lockClause, jobId);
    }

    static boolean exists(Connection c, UUID jobId) throws SQLException {
        return Jdbc.exists(c, "SELECT 1 FROM qmgr_job WHERE job_id = ?", jobId);
    }

    static void insert(Connection c, JobRecord job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            Jdbc.setUuid(ps, 1, job.jobId());
            Jdbc.setUuid(ps, 2, job.groupId());
            ps.setLong(3, job.sequence());
            ps.executeUpdate();
        }
    }

    /** Deletes the job; its files go with it (ON DELETE CASCADE). */
    static void delete(Connection c, UUID jobId) throws SQLException {
        Jdbc.update(c, "DELETE FROM qmgr_job WHERE job_id = ?", jobId);
    }

    private static JobRecord read(ResultSet rs) throws SQLException {
        return new JobRecord(Jdbc.getUuid(rs, 1), Jdbc.getUuid(rs, 2), rs.getLong(3));
    }
}
