package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;

/**
 * {@value QueueManagerMXBean#OBJECT_NAME} read through an MBeanServer, as a JMX client sees it (open types):
 * bytes and groups after a real download, and a 404 counted by kind.
 */
class QueueManagerMXBeanTest extends EngineTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private MBeanServer server;
    private QueueManagerJmx jmx;
    private ObjectName name;

    @BeforeEach
    void register() throws Exception {
        server = MBeanServerFactory.newMBeanServer();
        jmx = new QueueManagerJmx(new QueueManagerStats(fixture.engine.core()), server);
        name = new ObjectName(QueueManagerMXBean.OBJECT_NAME);
    }

    @AfterEach
    void unregister() {
        jmx.deactivate();
        assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void countsBytesGroupsAndErrorsByKind() throws Exception {
        int size = 1024 * 1024 + 17;
        origin.put("/file", TestContent.bytes(3, size));
        BackgroundCopyGroup done = groupWith("/file");
        BackgroundCopyGroup failed = fixture.client().createGroup(UUID.randomUUID());
        failed.createJob(UUID.randomUUID()).addFile(origin.url("/missing"), dir.resolve("missing").toString());
        BackgroundCopyGroup idle = groupWith("/file");
        assertThat(idle.getStatus().raw()).isEqualTo(0x180);

        done.resume();
        failed.resume();
        await().atMost(WAIT).until(() -> done.getStatus().raw() == 0x140 && failed.getStatus().raw() == 0x380);

        assertThat(server.getAttribute(name, "BytesTransferred")).isEqualTo((long) size);
        assertThat((Long) server.getAttribute(name, "Throughput")).isPositive();
        assertThat(server.getAttribute(name, "ActiveTransfers")).isEqualTo(0);
        assertThat(map(server.getAttribute(name, "GroupsByState"))).isEqualTo(Map.of("SUSPENDED", 1, "QUEUED", 0,
                "TRANSFERRING", 0, "RETRY_WAIT", 0, "ERROR", 1, "COMPLETE", 1));
        assertThat(map(server.getAttribute(name, "ErrorsByKind"))).isEqualTo(Map.of("HTTP_404", 1L));
    }

    /** An MXBean map arrives as a table of (key, value) rows. */
    private static Map<Object, Object> map(Object attribute) {
        Map<Object, Object> map = new HashMap<>();
        for (Object row : ((TabularData) attribute).values()) {
            CompositeData entry = (CompositeData) row;
            map.put(entry.get("key"), entry.get("value"));
        }
        return map;
    }
}
