package org.qmgr.store.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of one further JDBC queue store (factory PID {@value NamedJdbcQueueStore#FACTORY_PID}). */
@ObjectClassDefinition(
        name = "qmgr JDBC queue store (further database)",
        description = "One more JDBC queue store besides the default one, e.g. a PostgreSQL database to migrate "
                + "the queue to with qmgr:store-migrate. One factory configuration per database, e.g. "
                + "etc/org.qmgr.store.jdbc.extra-postgres.cfg.")
public @interface NamedJdbcStoreConfig {

    @AttributeDefinition(name = "Store name",
            description = "The qmgr.store.name this store registers with, e.g. postgres; the engine's store.target "
                    + "and qmgr:store-migrate select it by this name. Required; must differ from every other store's.")
    String qmgr_store_name();

    @AttributeDefinition(name = "DataSource filter",
            description = "LDAP filter selecting the javax.sql.DataSource service holding this queue, e.g. "
                    + "(dataSourceName=qmgr-pg). Required: without it the store binds no database.")
    String dataSource_target() default NamedJdbcQueueStore.UNSET_TARGET;

    @AttributeDefinition(name = "H2 commit durability",
            description = "Embedded H2 only, as for the default store: SYNC, FLUSH or DEFERRED.")
    CommitDurability h2_commitDurability() default CommitDurability.SYNC;
}
