package org.qmgr.engine.internal;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the engine's {@link QueueManagerMXBean} as {@value QueueManagerMXBean#OBJECT_NAME}: in the
 * {@code MBeanServer} service when there is one (Karaf's management registers it), else in the platform
 * MBeanServer (plain Felix). A new engine or a newly registered MBeanServer re-registers it (static, greedy).
 */
@Component(service = {}, immediate = true)
public class QueueManagerJmx {

    private static final Logger LOG = LoggerFactory.getLogger(QueueManagerJmx.class);

    private final MBeanServer server;
    private final ObjectName name;

    /**
     * @param engine  the engine whose counters are published
     * @param service the MBeanServer service, or {@code null} for the platform one
     */
    @Activate
    public QueueManagerJmx(@Reference(name = "engine") QueueEngine engine,
                           @Reference(name = "mbeanServer", cardinality = ReferenceCardinality.OPTIONAL,
                                   policyOption = ReferencePolicyOption.GREEDY) MBeanServer service) {
        this(new QueueManagerStats(engine.core()), service != null ? service : ManagementFactory.getPlatformMBeanServer());
    }

    QueueManagerJmx(QueueManagerMXBean stats, MBeanServer server) {
        this.server = server;
        try {
            this.name = new ObjectName(QueueManagerMXBean.OBJECT_NAME);
            server.registerMBean(new StandardMBean(stats, QueueManagerMXBean.class, true), name);
        } catch (JMException e) {
            // E.g. a second engine in this JVM holds the name: this component fails (SCR logs it), the engine runs on.
            throw new IllegalStateException(QueueManagerMXBean.OBJECT_NAME + " not registered: " + e, e);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.debug("{} already unregistered: {}", QueueManagerMXBean.OBJECT_NAME, e.toString());
        }
    }
}
