package org.qmgr.engine.internal;

import org.qmgr.spi.store.QueueStore;

/** {@link DurableNotificationTest} on the JDBC store over an embedded H2 file database, as the distribution runs. */
class DurableNotificationH2Test extends DurableNotificationTest {

    @Override
    QueueStore newStore() {
        return H2Database.embeddedStore(storeDir, "outbox");
    }
}
