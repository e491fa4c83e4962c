package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.store.memory.internal.MemoryQueueStore;

/** {@link StoreTargets}: from what an administrator typed to exactly one store and a by-name filter. */
class StoreTargetsTest {

    private final StoreMigration.Store jdbc = store("jdbc", 10, "qmgr");
    private final StoreMigration.Store postgres = store("postgres", 11, "qmgr-pg");
    private final StoreMigration.Store odd = store("a*(b)\\c", 12, "odd");
    private final List<StoreMigration.Store> stores = List.of(jdbc, postgres, odd);

    @Test
    void aNameOrAFilterChoosesOneStoreAndTheFilterNamesIt() {
        assertThat(StoreTargets.choose("postgres", stores, jdbc))
                .isEqualTo(new StoreTargets.Choice(postgres, "(qmgr.store.name=postgres)"));
        assertThat(StoreTargets.choose(" (dataSourceName=qmgr-pg) ", stores, jdbc).store()).isEqualTo(postgres);
        assertThat(StoreTargets.choose("(service.id=12)", stores, jdbc).filter())
                .isEqualTo("(qmgr.store.name=a\\*\\(b\\)\\\\c)");
    }

    @Test
    void badTargetsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> StoreTargets.choose(" ", stores, jdbc))
                .isInstanceOf(QmgrInvalidArgumentException.class).hasMessageContaining("' '");
        assertThatThrownBy(() -> StoreTargets.choose("(qmgr.store.name=postgres", stores, jdbc))
                .isInstanceOf(QmgrInvalidArgumentException.class)
                .hasMessageContaining("'(qmgr.store.name=postgres' is not a valid filter");
        assertThatThrownBy(() -> StoreTargets.choose("oracle", stores, jdbc))
                .isInstanceOf(QmgrInvalidArgumentException.class)
                .hasMessageContaining("no queue store matches 'oracle'").hasMessageContaining("postgres (service 11)");
        assertThatThrownBy(() -> StoreTargets.choose("(qmgr.store.name=*)", stores, jdbc))
                .isInstanceOf(QmgrInvalidArgumentException.class).hasMessageContaining("3 queue stores match");
        assertThatThrownBy(() -> StoreTargets.choose("jdbc", stores, jdbc))
                .isInstanceOf(QmgrInvalidArgumentException.class)
                .hasMessageContaining("'jdbc' is the active queue store jdbc (service 10)");
    }

    @Test
    void aNameTwoStoresShareIsRefused() {
        StoreMigration.Store twin = store("postgres", 13, "other");

        assertThatThrownBy(() -> StoreTargets.choose("(service.id=13)", List.of(jdbc, postgres, twin), jdbc))
                .isInstanceOf(QmgrInvalidArgumentException.class)
                .hasMessageContaining("2 queue stores are named 'postgres'");
    }

    private static StoreMigration.Store store(String name, long id, String dataSource) {
        return new StoreMigration.Store(name, id, new MemoryQueueStore(),
                Map.of(QueueStore.STORE_NAME, name, "service.id", id, "dataSourceName", dataSource));
    }
}
