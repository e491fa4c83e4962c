package org.qmgr.spi.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable (or, for tests, in-memory) storage of groups, jobs, files and leases.
 * <p>
 * All access goes through transactions: {@link #read} for consistent reads, {@link #write} for changes
 * that are atomic (all or nothing: when the work throws, nothing it did is kept) and, for a durable store,
 * committed before the method returns. Implementations are thread-safe; transactions must not be used
 * outside the work that received them. Register as an OSGi service; the engine selects one by the target
 * filter {@code store.target} of its configuration.
 */
@ProviderType
public interface QueueStore {

    /** Service property: a short name of the store, e.g. {@code memory}, {@code jdbc}. */
    String STORE_NAME = "qmgr.store.name";

    /**
     * Runs work in a read-only transaction.
     *
     * @param <T>  the result type
     * @param work what to run, never {@code null}
     * @return the work's result
     * @throws QueueStoreException when the store cannot be read
     */
    <T> T read(StoreWork<T> work);

    /**
     * Runs work in a read-write transaction and commits it, or rolls everything back if the work throws.
     *
     * @param <T>  the result type
     * @param work what to run, never {@code null}
     * @return the work's result
     * @throws QueueStoreException when the store cannot be written (the transaction is rolled back);
     *         unchecked exceptions of the work are rethrown unchanged after the rollback
     */
    <T> T write(StoreWork<T> work);
}
