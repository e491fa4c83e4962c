package org.qmgr.store.memory.internal;

import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.osgi.service.component.annotations.Component;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.StoreWork;

/**
 * The queue store SPI in memory: for tests and throw-away hosts. Transactions are serialised by a
 * read-write lock; a write transaction that throws is undone through {@link MemoryTables}' undo log.
 */
@Component(service = QueueStore.class, property = QueueStore.STORE_NAME + "=memory")
public class MemoryQueueStore implements QueueStore {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final MemoryTables tables = new MemoryTables();

    @Override
    public <T> T read(StoreWork<T> work) {
        lock.readLock().lock();
        try {
            return work.run(new MemoryTransaction(tables, false));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T> T write(StoreWork<T> work) {
        lock.writeLock().lock();
        try {
            MemoryTransaction tx = new MemoryTransaction(tables, true);
            try {
                T result = work.run(tx);
                tx.commit();
                return result;
            } catch (RuntimeException | Error e) {
                tx.rollback();
                throw e;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
