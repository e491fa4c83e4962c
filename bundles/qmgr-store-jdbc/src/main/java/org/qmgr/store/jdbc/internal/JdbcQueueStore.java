package org.qmgr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.QueueStoreException.Reason;
import org.qmgr.spi.store.StoreWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue store SPI on a {@link DataSource} (H2 or PostgreSQL). Activation does no I/O; the schema is
 * migrated once, on the first transaction, and again on later ones for as long as that fails (database down,
 * too new), so the store recovers by itself when the database comes back. Writes run at READ COMMITTED with
 * row locks where two nodes could collide; reads run in a read-only REPEATABLE READ snapshot.
 */
@Component(service = QueueStore.class, configurationPid = JdbcQueueStore.PID,
        property = QueueStore.STORE_NAME + "=jdbc")
@Designate(ocd = JdbcStoreConfig.class)
public class JdbcQueueStore implements QueueStore {

    /** The configuration PID. */
    static final String PID = "org.qmgr.store.jdbc";
    /** The DataSource chosen when no configuration says otherwise. */
    static final String DEFAULT_TARGET = "(dataSourceName=qmgr)";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcQueueStore.class);
    /** H2's error code for a statement that needs admin rights. */
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    private final DataSource dataSource;
    private final Object migrationLock = new Object();
    private volatile Dialect dialect;
    private volatile CommitDurability durability;

    /**
     * @param config     the store configuration
     * @param dataSource the database; nothing is read from it before the first transaction
     */
    @Activate
    public JdbcQueueStore(JdbcStoreConfig config,
                          @Reference(name = "dataSource", target = DEFAULT_TARGET) DataSource dataSource) {
        this(dataSource, config.h2_commitDurability());
    }

    /**
     * A store whose H2 commits are {@link CommitDurability#SYNC}.
     *
     * @param dataSource the database; nothing is read from it before the first transaction
     */
    public JdbcQueueStore(DataSource dataSource) {
        this(dataSource, CommitDurability.SYNC);
    }

    /**
     * @param dataSource the database; nothing is read from it before the first transaction
     * @param durability how durable an H2 commit is when {@link #write} returns
     */
    public JdbcQueueStore(DataSource dataSource, CommitDurability durability) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.durability = Objects.requireNonNull(durability, "durability");
    }

    @Override
    public <T> T read(StoreWork<T> work) {
        return run(work, false);
    }

    @Override
    public <T> T write(StoreWork<T> work) {
        return run(work, true);
    }

    private <T> T run(StoreWork<T> work, boolean writable) {
        Objects.requireNonNull(work, "work");
        Dialect d = ready();
        Connection c = open(writable);
        try {
            JdbcTransaction tx = new JdbcTransaction(c, d, writable);
            T result;
            try {
                result = work.run(tx);
            } catch (RuntimeException | Error e) {
                tx.close();
                rollback(c, e);
                throw e;
            }
            QueueStoreException failure = tx.close();
            if (failure != null) {
                rollback(c, failure);
                throw failure;
            }
            finish(c, writable);
            if (writable) {
                makeDurable(c, d);
            }
            return result;
        } finally {
            close(c);
        }
    }

    /** @return the database's dialect, migrating the schema first if that has not succeeded yet */
    private Dialect ready() {
        Dialect d = dialect;
        if (d == null) {
            synchronized (migrationLock) {
                d = dialect;
                if (d == null) {
                    d = SchemaMigrator.migrate(dataSource);
                    dialect = d;
                }
            }
        }
        return d;
    }

    private Connection open(boolean writable) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new QueueStoreException(Reason.UNAVAILABLE, "the database is unreachable: " + e.getMessage()
                    + " [SQLState " + e.getSQLState() + "]", e);
        }
        try {
            c.setAutoCommit(false);
            c.setReadOnly(!writable);
            c.setTransactionIsolation(writable ? Connection.TRANSACTION_READ_COMMITTED
                    : Connection.TRANSACTION_REPEATABLE_READ);
            return c;
        } catch (SQLException e) {
            close(c);
            throw SqlErrors.translate("starting a transaction", e);
        }
    }

    private static void finish(Connection c, boolean writable) {
        try {
            if (writable) {
                c.commit();
            } else {
                c.rollback();
            }
        } catch (SQLException e) {
            QueueStoreException failure = SqlErrors.translate(writable ? "commit" : "ending a read", e);
            rollback(c, failure);
            throw failure;
        }
    }

    /**
     * Makes a committed transaction durable. The transaction is committed and visible whatever happens here, so
     * a failure is logged, not thrown: the caller must not believe that a committed change did not happen.
     * A database user that may not run checkpoints (H2 admin right) falls back to deferred durability, once.
     */
    private void makeDurable(Connection c, Dialect d) {
        CommitDurability wanted = durability;
        try {
            d.makeDurable(c, wanted);
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED) {
                durability = CommitDurability.DEFERRED;
                LOG.warn("the H2 user may not run CHECKPOINT (admin right needed): commits are now left to H2's "
                        + "background writer and the last second of them may be lost if the JVM dies");
            } else {
                LOG.error("a committed transaction could not be made durable ({}): {} [SQLState {}]", wanted,
                        e.getMessage(), e.getSQLState());
                LOG.debug("checkpoint failure", e);
            }
        }
    }

    /** Rolls back after a failure; a failing rollback is attached to it, not thrown instead of it. */
    static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a connection failed", e);
        }
    }
}
