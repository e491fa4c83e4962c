package org.qmgr.store.jdbc.internal;

import java.util.Objects;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.StoreWork;

/**
 * A further JDBC queue store, one per factory configuration of {@value #FACTORY_PID}, registered under the
 * configured {@code qmgr.store.name}: e.g. the PostgreSQL database the queue moves to from the default
 * store. It works exactly like {@link JdbcQueueStore}, to which it delegates.
 * <p>
 * It has its own factory PID because Felix SCR refuses factory configurations for a PID that also has a
 * singleton configuration (the default store's {@code org.qmgr.store.jdbc}), and without a singleton one it
 * would hand the default store's component over to the first factory configuration.
 */
@Component(name = NamedJdbcQueueStore.FACTORY_PID, service = QueueStore.class,
        configurationPid = NamedJdbcQueueStore.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = NamedJdbcStoreConfig.class, factory = true)
public class NamedJdbcQueueStore implements QueueStore {

    /** The factory PID: configurations are e.g. {@code etc/org.qmgr.store.jdbc.extra-postgres.cfg}. */
    static final String FACTORY_PID = "org.qmgr.store.jdbc.extra";
    /** Matches no service: a configuration without {@code dataSource.target} never shares another's database. */
    static final String UNSET_TARGET = "(!(objectClass=*))";

    private final JdbcQueueStore store;

    /**
     * @param config     the factory configuration; its properties are the service properties
     * @param dataSource the database selected by {@code dataSource.target}
     * @throws IllegalArgumentException when {@code qmgr.store.name} is missing (immediate, so SCR logs it at once)
     */
    @Activate
    public NamedJdbcQueueStore(NamedJdbcStoreConfig config,
                               @Reference(name = "dataSource", target = UNSET_TARGET) DataSource dataSource) {
        String name = config.qmgr_store_name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("configuration " + FACTORY_PID + " needs " + QueueStore.STORE_NAME
                    + ", not '" + name + "'");
        }
        this.store = new JdbcQueueStore(Objects.requireNonNull(dataSource, "dataSource"),
                config.h2_commitDurability());
    }

    @Override
    public <T> T read(StoreWork<T> work) {
        return store.read(work);
    }

    @Override
    public <T> T write(StoreWork<T> work) {
        return store.write(work);
    }
}
