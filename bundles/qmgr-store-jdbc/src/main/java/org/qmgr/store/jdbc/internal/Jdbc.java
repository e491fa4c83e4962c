package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/** Small JDBC helpers shared by the table classes: UUID parameters and one-key statements. */
final class Jdbc {

    private Jdbc() {
    }

    static void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.OTHER);
        } else {
            ps.setObject(index, value);
        }
    }

    static UUID getUuid(ResultSet rs, int index) throws SQLException {
        return rs.getObject(index, UUID.class);
    }

    /**
     * @param c   the connection
     * @param sql a query with one UUID parameter
     * @param id  the parameter
     * @return whether it returned a row
     * @throws SQLException on failure
     */
    static boolean exists(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            setUuid(ps, 1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * @param c   the connection
     * @param sql a statement with one UUID parameter
     * @param id  the parameter
     * @return the update count
     * @throws SQLException on failure
     */
    static int update(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            setUuid(ps, 1, id);
            return ps.executeUpdate();
        }
    }
}
