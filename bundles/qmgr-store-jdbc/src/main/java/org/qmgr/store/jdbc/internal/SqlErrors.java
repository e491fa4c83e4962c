package org.qmgr.store.jdbc.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.QueueStoreException.Reason;

/** Maps {@link SQLException}s to {@link QueueStoreException} reasons by SQLState (the same on H2 and PostgreSQL). */
final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlErrors() {
    }

    /**
     * @param what what was being done, for the message
     * @param e    the failure
     * @return the store exception to throw
     */
    static QueueStoreException translate(String what, SQLException e) {
        Reason reason = reasonOf(e);
        String prefix = reason == Reason.UNAVAILABLE && isConnectionFailure(e)
                ? "the database is unreachable (" + what + "): " : what + " failed: ";
        return new QueueStoreException(reason, prefix + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
    }

    /**
     * @param e a failure
     * @return whether it (or a chained failure) is a unique-key violation
     */
    static boolean isUniqueViolation(SQLException e) {
        return reasonOf(e) == Reason.DUPLICATE_KEY;
    }

    private static Reason reasonOf(SQLException e) {
        if (isConnectionFailure(e)) {
            return Reason.UNAVAILABLE;
        }
        for (SQLException s : chain(e)) {
            String state = String.valueOf(s.getSQLState());
            if (UNIQUE_VIOLATION.equals(state)) {
                return Reason.DUPLICATE_KEY;
            }
            if (FOREIGN_KEY_VIOLATION.equals(state)) {
                return Reason.NOT_FOUND;
            }
            if (state.startsWith("22") || state.startsWith("23")) {
                return Reason.ILLEGAL_OPERATION;
            }
        }
        return Reason.UNAVAILABLE;
    }

    /** @return the failure, its next exceptions (batches) and its SQLException causes (wrapped failures) */
    private static List<SQLException> chain(SQLException e) {
        List<SQLException> chain = new ArrayList<>();
        Deque<SQLException> todo = new ArrayDeque<>(List.of(e));
        while (!todo.isEmpty() && chain.size() < 20) {
            SQLException s = todo.pop();
            chain.add(s);
            if (s.getNextException() != null) {
                todo.add(s.getNextException());
            }
            if (s.getCause() instanceof SQLException cause && cause != s.getNextException()) {
                todo.add(cause);
            }
        }
        return chain;
    }

    private static boolean isConnectionFailure(SQLException e) {
        for (SQLException s : chain(e)) {
            String state = String.valueOf(s.getSQLState());
            // class 08: connection exception; 57P0x: PostgreSQL shutting down or not yet accepting connections
            if (s instanceof SQLTransientConnectionException || s instanceof SQLNonTransientConnectionException
                    || state.startsWith("08") || state.startsWith("57P0")) {
                return true;
            }
        }
        return false;
    }
}
