package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The creation sequence: one row of {@code qmgr_counter}, not a database sequence, so that a rolled-back
 * transaction gives its numbers back. Incrementing locks the row until commit, which also keeps sequences
 * in commit order across nodes.
 */
final class SequenceCounter {

    private SequenceCounter() {
    }

    static long last(Connection c) throws SQLException {
        return query(c, "SELECT counter_value FROM qmgr_counter WHERE name = 'sequence'");
    }

    static long next(Connection c, Dialect dialect) throws SQLException {
        return query(c, dialect.nextSequence());
    }

    private static long query(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the sequence row of qmgr_counter is missing");
            }
            return rs.getLong(1);
        }
    }
}
