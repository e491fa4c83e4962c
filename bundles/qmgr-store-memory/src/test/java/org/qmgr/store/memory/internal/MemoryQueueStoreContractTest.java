package org.qmgr.store.memory.internal;

import org.qmgr.spi.store.QueueStore;
import org.qmgr.store.contract.QueueStoreContract;

/** The memory store keeps the store SPI contract; it cannot be shared, so the two-node parts are skipped. */
class MemoryQueueStoreContractTest extends QueueStoreContract {

    @Override
    protected QueueStore newStore() {
        return new MemoryQueueStore();
    }
}
