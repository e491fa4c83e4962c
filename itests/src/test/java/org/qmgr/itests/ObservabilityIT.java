package org.qmgr.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.inject.Inject;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;

/**
 * Observability in the Karaf we ship: the MXBean {@code org.qmgr:type=QueueManager} read through Karaf's RMI
 * JMX connector (as jconsole would, with a user of role viewer) after a download and a 404, and
 * {@code qmgr:config} showing effective values with secrets masked.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ObservabilityIT extends QmgrTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = "jmx-it";
    /** Fixed: config() runs in the driver JVM, the test in Karaf's; only this container's loopback sees it. */
    private static final String PASSWORD = "jmx-it-password";

    @Inject
    BackgroundCopyQMgr qmgr;

    @Inject
    SessionFactory sessionFactory;

    @Override
    @Configuration
    public Option[] config() throws Exception {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/users.properties", USER, PASSWORD + ",viewer"),
                // a secret qmgr:config must mask, and a value it must show as set
                editConfigurationFilePut("etc/org.qmgr.transport.jetty.cfg", ".proxy.password", "hunter2-it"),
                editConfigurationFilePut("etc/org.qmgr.transport.jetty.cfg", "maxRedirects", "7"));
    }

    /** Karaf registers a bundle's commands asynchronously; the session factory may come first. */
    @Before
    public void awaitQmgrCommands() {
        await().atMost(WAIT).until(() -> sessionFactory.getRegistry().getCommand("qmgr", "config") != null);
    }

    @Test
    public void theQueueManagerMBeanCountsADownloadAndA404OverRmi() throws Exception {
        try (JMXConnector connector = connect()) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName("org.qmgr:type=QueueManager");
            long bytesBefore = (Long) jmx.getAttribute(name, "BytesTransferred");
            long notFoundBefore = map(jmx.getAttribute(name, "ErrorsByKind")).getOrDefault("HTTP_404", 0L).longValue();

            Path dir = Files.createTempDirectory("qmgr-jmx-it");
            BackgroundCopyGroup done = group(dir, "/ten.bin");
            BackgroundCopyGroup failed = group(dir, "/missing.bin");
            done.resume();
            failed.resume();
            await().atMost(WAIT).until(() -> done.getStatus().raw() == 0x140 && failed.getStatus().raw() == 0x380);

            long bytes = (Long) jmx.getAttribute(name, "BytesTransferred");
            long throughput = (Long) jmx.getAttribute(name, "Throughput");
            Map<Object, Number> groups = map(jmx.getAttribute(name, "GroupsByState"));
            Map<Object, Number> errors = map(jmx.getAttribute(name, "ErrorsByKind"));
            System.out.printf("QueueManager: BytesTransferred=%d Throughput=%d ActiveTransfers=%s GroupsByState=%s "
                    + "ErrorsByKind=%s%n", bytes, throughput, jmx.getAttribute(name, "ActiveTransfers"), groups, errors);
            assertEquals(TestData.TEN_MIB, bytes - bytesBefore);
            assertTrue("throughput right after 10 MiB: " + throughput, throughput > 0);
            assertEquals(notFoundBefore + 1, errors.get("HTTP_404").longValue());
            assertTrue(groups.get("COMPLETE").intValue() >= 1);
            assertTrue(groups.get("ERROR").intValue() >= 1);
            done.cancel();
            failed.cancel();
        }
    }

    @Test
    public void configShowsEffectiveValuesAndMasksSecrets() throws Exception {
        String table = executeInShell(sessionFactory, "qmgr:config --no-format org.qmgr.transport.jetty");
        System.out.println(table);
        assertTrue(table, table.lines().anyMatch(l -> l.matches("org\\.qmgr\\.transport\\.jetty\\s+maxRedirects\\s+7\\s+10\\s+set\\s*")));
        assertTrue(table, table.lines().anyMatch(l -> l.matches("org\\.qmgr\\.transport\\.jetty\\s+connectTimeoutSeconds\\s+30\\s+30\\s+default\\s*")));
        assertTrue(table, table.lines().anyMatch(l -> l.contains(".proxy.password") && l.contains("********")));
        assertFalse(table, table.contains("hunter2-it"));
        String all = executeInShell(sessionFactory, "qmgr:config");
        for (String pid : new String[] {"org.qmgr.engine", "org.qmgr.callbacks", "org.qmgr.store.jdbc",
                "org.qmgr.transport.file"}) {
            assertTrue(pid + " in " + all, all.contains(pid));
        }
        try {
            executeInShell(sessionFactory, "qmgr:config org.qmgr.nope");
            fail("an unknown PID must fail the command");
        } catch (Exception expected) {
            assertEquals("unknown PID: org.qmgr.nope (qmgr:config lists the qmgr PIDs)", expected.getMessage());
        }
    }

    private BackgroundCopyGroup group(Path dir, String path) throws Exception {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin() + path, dir.resolve(path.substring(1)).toString());
        return group;
    }

    /** Karaf's RMI connector, at the ports QmgrTestSupport chose (etc/org.apache.karaf.management.cfg). */
    private static JMXConnector connect() throws Exception {
        Properties cfg = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("karaf.etc"),
                "org.apache.karaf.management.cfg"))) {
            cfg.load(in);
        }
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + cfg.getProperty("rmiServerPort")
                + "/jndi/rmi://127.0.0.1:" + cfg.getProperty("rmiRegistryPort") + "/karaf-"
                + System.getProperty("karaf.name"));
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {USER, PASSWORD}));
    }

    /** An MXBean map arrives as a table of (key, value) rows. */
    private static Map<Object, Number> map(Object attribute) {
        Map<Object, Number> map = new HashMap<>();
        for (Object row : ((TabularData) attribute).values()) {
            CompositeData entry = (CompositeData) row;
            map.put(entry.get("key"), (Number) entry.get("value"));
        }
        return map;
    }
}
