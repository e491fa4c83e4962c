package org.qmgr.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.UUID;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.StoreTransaction;

/** A further JDBC store from a factory configuration: needs its name, then works on its own database. */
class NamedJdbcQueueStoreTest {

    @TempDir
    Path dir;

    private JdbcConnectionPool pool;

    @BeforeEach
    void open() {
        pool = TestDatabases.h2Pool(TestDatabases.h2Url(dir, "second"));
    }

    @AfterEach
    void close() {
        pool.dispose();
    }

    @Test
    void aConfigurationWithoutAStoreNameIsRefusedNamingThePid() {
        assertThatThrownBy(() -> new NamedJdbcQueueStore(config(" "), pool))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("configuration org.qmgr.store.jdbc.extra needs qmgr.store.name, not ' '");
    }

    @Test
    void aNamedStoreKeepsItsQueueInItsOwnDatabase() {
        NamedJdbcQueueStore store = new NamedJdbcQueueStore(config("postgres"), pool);
        GroupRecord g = store.write(tx -> {
            GroupRecord r = GroupRecord.create(UUID.randomUUID(), "o", tx.nextSequence(), 1);
            tx.insertGroup(r);
            return r;
        });

        assertThat(store.read(StoreTransaction::groups)).containsExactly(g);
        assertThat(new JdbcQueueStore(pool).read(StoreTransaction::groups)).containsExactly(g);
    }

    private static NamedJdbcStoreConfig config(String name) {
        return (NamedJdbcStoreConfig) Proxy.newProxyInstance(NamedJdbcStoreConfig.class.getClassLoader(),
                new Class<?>[] {NamedJdbcStoreConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "qmgr_store_name" -> name;
                    case "dataSource_target" -> "(dataSourceName=second)";
                    case "h2_commitDurability" -> CommitDurability.SYNC;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
