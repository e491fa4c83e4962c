package org.qmgr.store.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the JDBC queue store (PID {@code org.qmgr.store.jdbc}). */
@ObjectClassDefinition(
        name = "qmgr JDBC queue store",
        description = "Keeps the qmgr queue (groups, jobs, files, leases) in a database reached through a "
                + "javax.sql.DataSource service, e.g. one created by pax-jdbc-config. H2 and PostgreSQL are "
                + "supported; the schema is created and upgraded on first use.")
public @interface JdbcStoreConfig {

    @AttributeDefinition(name = "DataSource filter",
            description = "LDAP filter selecting the javax.sql.DataSource service holding the queue; several "
                    + "engines sharing one PostgreSQL database share one queue.")
    String dataSource_target() default JdbcQueueStore.DEFAULT_TARGET;
}
