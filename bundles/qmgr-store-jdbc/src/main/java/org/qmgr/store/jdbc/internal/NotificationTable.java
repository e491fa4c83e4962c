package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.qmgr.spi.notify.QueueEvent;

/**
 * The {@code qmgr_notification} table, the outbox: one row per stored {@link QueueEvent}, keyed and ordered by
 * its sequence; acknowledged ones are deleted in one JDBC batch.
 */
final class NotificationTable {

    private static final String COLUMNS = "seq, event_type, group_id, owner, job_id, file_index, status, "
            + "num_of_retries, win32_result, transport_result, notify_flags, notify_clsid, timestamp_millis";
    private static final String INSERT = "INSERT INTO qmgr_notification (" + COLUMNS + ") VALUES (?"
            + ", ?".repeat(12) + ")";

    private NotificationTable() {
    }

    /** @return every stored notification, by sequence */
    static List<QueueEvent> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM qmgr_notification ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            List<QueueEvent> notifications = new ArrayList<>();
            while (rs.next()) {
                notifications.add(read(rs));
            }
            return notifications;
        }
    }

    static boolean exists(Connection c, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM qmgr_notification WHERE seq = ?")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void insert(Connection c, QueueEvent n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, n.sequence());
            ps.setString(2, n.type().name());
            Jdbc.setUuid(ps, 3, n.groupId());
            ps.setString(4, n.owner());
            Jdbc.setUuid(ps, 5, n.jobId());
            ps.setInt(6, n.fileIndex());
            ps.setInt(7, n.status());
            ps.setInt(8, n.numOfRetries());
            ps.setInt(9, n.win32Result());
            ps.setInt(10, n.transportResult());
            ps.setInt(11, n.notifyFlags());
            Jdbc.setUuid(ps, 12, n.notifyClsid());
            ps.setLong(13, n.timestampMillis());
            ps.executeUpdate();
        }
    }

    /** Deletes the notifications with these sequences; the others are not there, so nothing happens to them. */
    static void delete(Connection c, Collection<Long> sequences) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM qmgr_notification WHERE seq = ?")) {
            for (long sequence : sequences) {
                ps.setLong(1, sequence);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes a group's notifications (before the group itself: the foreign key does not cascade). */
    static void deleteOfGroup(Connection c, UUID groupId) throws SQLException {
        Jdbc.update(c, "DELETE FROM qmgr_notification WHERE group_id = ?", groupId);
    }

    private static QueueEvent read(ResultSet rs) throws SQLException {
        return new QueueEvent(QueueEvent.Type.valueOf(rs.getString(2)), Jdbc.getUuid(rs, 3), rs.getString(4),
                Jdbc.getUuid(rs, 5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                rs.getInt(11), Jdbc.getUuid(rs, 12), rs.getLong(13), rs.getLong(1));
    }
}
