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

    @AttributeDefinition(name = "H2 commit durability",
            description = "Embedded H2 only: SYNC writes every commit and forces it to the device (survives a "
                    + "crash and a power loss); FLUSH writes it to the operating system (survives a crash of the "
                    + "JVM); DEFERRED leaves it to H2's background writer, which may lose the last second of "
                    + "commits when the JVM dies. PostgreSQL follows its own synchronous_commit setting.")
    CommitDurability h2_commitDurability() default CommitDurability.SYNC;
}
