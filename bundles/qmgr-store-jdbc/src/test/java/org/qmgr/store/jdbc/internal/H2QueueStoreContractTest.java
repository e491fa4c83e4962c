package org.qmgr.store.jdbc.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.store.contract.QueueStoreContract;

/** The JDBC store on an H2 file database keeps the store contract, also as two stores on one file. */
class H2QueueStoreContractTest extends QueueStoreContract {

    @TempDir
    Path dir;

    private final List<JdbcConnectionPool> pools = new ArrayList<>();
    private String url;

    @Override
    protected QueueStore newStore() {
        url = TestDatabases.h2Url(dir, "queue-" + pools.size());
        return store(url);
    }

    @Override
    protected QueueStore sameDatabaseStore() {
        return store(url);
    }

    private QueueStore store(String jdbcUrl) {
        JdbcConnectionPool pool = TestDatabases.h2Pool(jdbcUrl);
        pools.add(pool);
        return new JdbcQueueStore(pool);
    }

    @AfterEach
    void disposePools() {
        pools.forEach(JdbcConnectionPool::dispose);
    }
}
