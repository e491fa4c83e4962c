package org.qmgr.store.contract;

import org.qmgr.spi.store.QueueStore;

/**
 * The contract of the {@code org.qmgr.spi.store} SPI, for every store to run from its tests: extend it and
 * return a fresh, empty store from {@link #newStore()}; where two stores can share one database (JDBC), also
 * return a second store on the data of the last one from {@link #sameDatabaseStore()}, else the two-node
 * tests are skipped.
 * <p>
 * The rules come in parts, each an abstract class of this package, chained by inheritance so that all tests
 * are reported under the concrete test class: {@link GroupContract}, {@link JobFileContract},
 * {@link TransactionContract}, {@link NotificationContract}, {@link LeaseContract}, {@link ConcurrencyContract}
 * and {@link SameDatabaseContract}.
 */
public abstract class QueueStoreContract extends SameDatabaseContract {

    /** @return a fresh, empty store */
    @Override
    protected abstract QueueStore newStore();
}
