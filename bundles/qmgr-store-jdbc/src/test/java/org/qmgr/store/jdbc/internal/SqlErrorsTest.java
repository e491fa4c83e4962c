package org.qmgr.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.QueueStoreException.Reason;

/** SQLStates and connection exception types map to the store's failure reasons. */
class SqlErrorsTest {

    private static Reason reason(SQLException e) {
        QueueStoreException translated = SqlErrors.translate("test", e);
        assertThat(translated.getCause()).isSameAs(e);
        return translated.reason();
    }

    @Test
    void integrityViolationsNameTheBrokenRule() {
        assertThat(reason(new SQLException("dup", "23505"))).isEqualTo(Reason.DUPLICATE_KEY);
        assertThat(reason(new SQLException("fk", "23503"))).isEqualTo(Reason.NOT_FOUND);
        assertThat(reason(new SQLException("not null", "23502"))).isEqualTo(Reason.ILLEGAL_OPERATION);
        assertThat(reason(new SQLException("too long", "22001"))).isEqualTo(Reason.ILLEGAL_OPERATION);
    }

    @Test
    void connectionFailuresAreUnavailable() {
        assertThat(reason(new SQLException("refused", "08001"))).isEqualTo(Reason.UNAVAILABLE);
        assertThat(reason(new SQLException("admin shutdown", "57P01"))).isEqualTo(Reason.UNAVAILABLE);
        assertThat(reason(new SQLTransientConnectionException("pool empty", "HY000"))).isEqualTo(Reason.UNAVAILABLE);
        assertThat(reason(new SQLNonTransientConnectionException("closed", "90098"))).isEqualTo(Reason.UNAVAILABLE);
        assertThat(SqlErrors.translate("commit", new SQLException("reset", "08006")).getMessage())
                .contains("unreachable").contains("commit").contains("08006");
    }

    @Test
    void anythingElseIsUnavailableToo() {
        assertThat(reason(new SQLException("deadlock", "40P01"))).isEqualTo(Reason.UNAVAILABLE);
        assertThat(reason(new SQLException("no state"))).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void chainedFailuresOfABatchAndWrappedOnesAreLookedInto() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", "ZZ000", new int[0]);
        batch.setNextException(new SQLException("dup", "23505"));
        assertThat(reason(batch)).isEqualTo(Reason.DUPLICATE_KEY);
        assertThat(SqlErrors.isUniqueViolation(batch)).isTrue();

        SQLException wrapped = new SQLException("migration failed", "HY000",
                new SQLNonTransientConnectionException("broken", "90067"));
        assertThat(reason(wrapped)).isEqualTo(Reason.UNAVAILABLE);
    }
}
