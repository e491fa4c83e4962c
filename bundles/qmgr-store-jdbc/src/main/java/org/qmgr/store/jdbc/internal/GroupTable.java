package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;

/** The {@code qmgr_group} table: one row per {@link GroupRecord}, every field in its own column. */
final class GroupTable {

    private static final String COLUMNS = "group_id, owner, seq, state, foreground, background_priority, "
            + "protocol, notify_flags, notify_clsid, display_name, description, remote_user, remote_password, "
            + "progress_size, progress_percent, progress_time_millis, win32_result, transport_result, retries, "
            + "error_job_index, error_file_index, active_millis, created_millis, modified_millis, custom_headers";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM qmgr_group";
    private static final String INSERT = "INSERT INTO qmgr_group (" + COLUMNS + ") VALUES (?"
            + ", ?".repeat(24) + ")";
    private static final String UPDATE = "UPDATE qmgr_group SET " + Arrays.stream(COLUMNS.split(", ")).skip(1)
            .map(c -> c + " = ?").collect(Collectors.joining(", ")) + " WHERE group_id = ?";

    private GroupTable() {
    }

    static List<GroupRecord> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY seq, group_id");
             ResultSet rs = ps.executeQuery()) {
            List<GroupRecord> groups = new ArrayList<>();
            while (rs.next()) {
                groups.add(read(rs));
            }
            return groups;
        }
    }

    static Optional<GroupRecord> byId(Connection c, UUID id, String lockClause) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE group_id = ?" + lockClause)) {
            Jdbc.setUuid(ps, 1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    static boolean exists(Connection c, UUID id) throws SQLException {
        return Jdbc.exists(c, "SELECT 1 FROM qmgr_group WHERE group_id = ?", id);
    }

    static void insert(Connection c, GroupRecord g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            Jdbc.setUuid(ps, 1, g.groupId());
            bindValues(ps, g, 2);
            ps.executeUpdate();
        }
    }

    /** @return whether the group was stored */
    static boolean update(Connection c, GroupRecord g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int next = bindValues(ps, g, 1);
            Jdbc.setUuid(ps, next, g.groupId());
            return ps.executeUpdate() > 0;
        }
    }

    /** Deletes the group; its jobs and files go with it (ON DELETE CASCADE). */
    static void delete(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "DELETE FROM qmgr_group WHERE group_id = ?", id);
    }

    /** Binds every column after {@code group_id}, in {@link #COLUMNS} order; returns the next index. */
    private static int bindValues(PreparedStatement ps, GroupRecord g, int first) throws SQLException {
        int i = first;
        ps.setString(i++, g.owner());
        ps.setLong(i++, g.sequence());
        ps.setString(i++, g.state().name());
        ps.setBoolean(i++, g.foreground());
        ps.setString(i++, g.backgroundPriority());
        ps.setInt(i++, g.protocol());
        ps.setInt(i++, g.notifyFlags());
        Jdbc.setUuid(ps, i++, g.notifyClsid());
        ps.setString(i++, g.displayName());
        ps.setString(i++, g.description());
        ps.setString(i++, g.remoteUser());
        ps.setString(i++, g.remotePassword());
        ps.setLong(i++, g.progressSize());
        ps.setInt(i++, g.progressPercent());
        ps.setLong(i++, g.progressTimeMillis());
        ps.setInt(i++, g.win32Result());
        ps.setInt(i++, g.transportResult());
        ps.setInt(i++, g.retries());
        ps.setInt(i++, g.errorJobIndex());
        ps.setInt(i++, g.errorFileIndex());
        ps.setLong(i++, g.activeMillis());
        ps.setLong(i++, g.createdMillis());
        ps.setLong(i++, g.modifiedMillis());
        ps.setString(i++, HeaderLines.encode(g.customHeaders()));
        return i;
    }

    private static GroupRecord read(ResultSet rs) throws SQLException {
        return new GroupRecord(Jdbc.getUuid(rs, 1), rs.getString(2), rs.getLong(3),
                GroupState.valueOf(rs.getString(4)), rs.getBoolean(5), rs.getString(6), rs.getInt(7),
                rs.getInt(8), Jdbc.getUuid(rs, 9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getLong(14), rs.getInt(15), rs.getLong(16), rs.getInt(17), rs.getInt(18),
                rs.getInt(19), rs.getInt(20), rs.getInt(21), rs.getLong(22), rs.getLong(23), rs.getLong(24),
                HeaderLines.decode(rs.getString(25)));
    }
}
