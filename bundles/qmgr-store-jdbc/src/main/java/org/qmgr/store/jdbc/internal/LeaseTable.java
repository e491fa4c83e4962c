package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.QueueStoreException.Reason;

/**
 * The {@code qmgr_lease} table and the lease rules. Every stored group has a row (created with the group,
 * holder {@code NULL}, epoch 0), so a claim always finds a row to lock: two nodes claiming at once queue on
 * that row lock and the second sees the first's lease. A release clears the holder but keeps the epoch, so
 * epochs never repeat for a group while it exists.
 */
final class LeaseTable {

    /** The row as stored: {@code nodeId} is {@code null} while nobody holds the lease. */
    private record Row(String nodeId, long epoch, long expiresAtMillis) {
        boolean heldBy(String node) {
            return node.equals(nodeId);
        }
    }

    private LeaseTable() {
    }

    /** Adds the free lease row of a new group (unless a claim of the unknown group already made one). */
    static void create(Connection c, UUID groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO qmgr_lease (group_id, node_id, epoch, "
                + "expires_millis) SELECT group_id, NULL, 0, 0 FROM qmgr_group g WHERE g.group_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM qmgr_lease l WHERE l.group_id = g.group_id)")) {
            Jdbc.setUuid(ps, 1, groupId);
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, UUID groupId) throws SQLException {
        Jdbc.update(c, "DELETE FROM qmgr_lease WHERE group_id = ?", groupId);
    }

    static Optional<Lease> claim(Connection c, String lockClause, UUID groupId, String nodeId, long now, long ttl)
            throws SQLException {
        Optional<Row> row = read(c, groupId, lockClause);
        Lease lease;
        if (row.isEmpty()) {
            lease = new Lease(groupId, nodeId, 1, now + ttl);
            write(c, lease, "INSERT INTO qmgr_lease (node_id, epoch, expires_millis, group_id) VALUES (?, ?, ?, ?)");
            return Optional.of(lease);
        }
        Row current = row.get();
        if (current.nodeId() != null && !current.heldBy(nodeId) && current.expiresAtMillis() > now) {
            return Optional.empty();
        }
        long epoch = current.heldBy(nodeId) ? current.epoch() : current.epoch() + 1;
        lease = new Lease(groupId, nodeId, epoch, now + ttl);
        write(c, lease, "UPDATE qmgr_lease SET node_id = ?, epoch = ?, expires_millis = ? WHERE group_id = ?");
        return Optional.of(lease);
    }

    /**
     * @throws QueueStoreException LEASE_LOST when the lease is not held by the same node and epoch
     */
    static void verify(Connection c, String lockClause, Lease lease) throws SQLException {
        Optional<Row> row = read(c, lease.groupId(), lockClause);
        if (row.isEmpty() || !row.get().heldBy(lease.nodeId()) || row.get().epoch() != lease.epoch()) {
            throw new QueueStoreException(Reason.LEASE_LOST, "lease on " + lease.groupId() + " epoch "
                    + lease.epoch() + " moved to " + row.filter(r -> r.nodeId() != null)
                    .map(r -> r.nodeId() + " epoch " + r.epoch()).orElse("nobody"));
        }
    }

    static Lease renew(Connection c, String lockClause, Lease lease, long now, long ttl) throws SQLException {
        verify(c, lockClause, lease);
        Lease renewed = new Lease(lease.groupId(), lease.nodeId(), lease.epoch(), now + ttl);
        write(c, renewed, "UPDATE qmgr_lease SET node_id = ?, epoch = ?, expires_millis = ? WHERE group_id = ?");
        return renewed;
    }

    static void release(Connection c, Lease lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE qmgr_lease SET node_id = NULL, expires_millis = 0 "
                + "WHERE group_id = ? AND node_id = ? AND epoch = ?")) {
            Jdbc.setUuid(ps, 1, lease.groupId());
            ps.setString(2, lease.nodeId());
            ps.setLong(3, lease.epoch());
            ps.executeUpdate();
        }
    }

    private static Optional<Row> read(Connection c, UUID groupId, String lockClause) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT node_id, epoch, expires_millis FROM qmgr_lease WHERE group_id = ?" + lockClause)) {
            Jdbc.setUuid(ps, 1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    private static void write(Connection c, Lease lease, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, lease.nodeId());
            ps.setLong(2, lease.epoch());
            ps.setLong(3, lease.expiresAtMillis());
            Jdbc.setUuid(ps, 4, lease.groupId());
            ps.executeUpdate();
        }
    }
}
