package org.qmgr.itests.felix;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.Protocol;
import org.qmgr.api.admin.QueueStoreAdmin;
import org.qmgr.api.admin.StoreInfo;
import org.slf4j.LoggerFactory;

/**
 * qmgr on a plain Apache Felix framework with Felix SCR and Config Admin, no Karaf (Pax Exam's native
 * container): every host bundle starts, and downloads complete over HTTP on the memory store and from a
 * {@code file:} URL on the JDBC store, each selected through Config Admin ({@code store.target} of
 * {@code org.qmgr.engine}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FelixDownloadIT {

    private static final String ENGINE_PID = "org.qmgr.engine";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    BundleContext context;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    QueueStoreAdmin storeAdmin;

    @Configuration
    public Option[] config() throws Exception {
        return FelixHost.options(Origin.baseUrl());
    }

    @Test
    public void everyBundleIsActiveOnFelixAndSlf4jFoundItsProvider() {
        assertEquals("org.apache.felix.framework", context.getBundle(Constants.SYSTEM_BUNDLE_ID).getSymbolicName());
        List<String> notActive = Arrays.stream(context.getBundles())
                .filter(b -> b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .map(b -> b.getSymbolicName() + " " + b.getState())
                .toList();
        assertEquals(List.of(), notActive);
        // without a Service Loader Mediator SLF4J 2 falls back to its no-op logger and qmgr logs nothing
        assertEquals("org.slf4j.simple.SimpleLoggerFactory", LoggerFactory.getILoggerFactory().getClass().getName());
    }

    @Test
    public void anHttpDownloadCompletesOnTheMemoryStore() throws Exception {
        try (Qmgr qmgr = onStore("memory")) {
            Path target = Files.createTempDirectory("qmgr-felix").resolve("payload.bin");
            BackgroundCopyGroup group = qmgr.service.createGroup(UUID.randomUUID());
            group.setDisplayName("felix http");
            group.createJob(UUID.randomUUID()).addFile(System.getProperty(FelixHost.ORIGIN) + Payload.PATH,
                    target.toString());
            group.resume();

            awaitComplete(group);
            assertEquals(Payload.SIZE, group.getSize());
            assertArrayEquals(Payload.bytes(), Files.readAllBytes(target));
        }
    }

    @Test
    public void aFileUrlDownloadCompletesOnTheJdbcStore() throws Exception {
        // what pax-jdbc-config does in Karaf, a plain host does itself: a DataSource named as the store expects
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:qmgr-felix;DB_CLOSE_DELAY=-1");
        ServiceRegistration<DataSource> dataSource = context.registerService(DataSource.class, h2,
                new Hashtable<>(Map.of("dataSourceName", "qmgr")));
        try (Qmgr qmgr = onStore("jdbc")) {
            Path dir = Files.createTempDirectory("qmgr-felix");
            Path source = Files.write(dir.resolve("source.bin"), Payload.bytes());
            Path target = dir.resolve("copy.bin");
            BackgroundCopyGroup group = qmgr.service.createGroup(UUID.randomUUID());
            group.setDisplayName("felix file");
            group.setProtocol(Protocol.SMB);
            group.createJob(UUID.randomUUID()).addFile(source.toUri().toString(), target.toString());
            group.resume();

            awaitComplete(group);
            assertArrayEquals(Payload.bytes(), Files.readAllBytes(target));
            StoreInfo store = storeAdmin.activeStore();
            assertEquals("jdbc", store.name());
            assertEquals("the group is in the H2 database", 1, store.groups());
        } finally {
            dataSource.unregister();
        }
    }

    /**
     * Points the engine at a store through Config Admin and waits until it runs there.
     *
     * @return the BackgroundCopyQMgr registered after the switch (the engine registers it anew)
     */
    private Qmgr onStore(String name) throws Exception {
        // "?": a multi-location configuration, seen by qmgr-engine and qmgr-callbacks, not bound to the probe
        org.osgi.service.cm.Configuration engine = configAdmin.getConfiguration(ENGINE_PID, "?");
        Dictionary<String, Object> properties = engine.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put("store.target", "(qmgr.store.name=" + name + ")");
        engine.update(properties);
        await().atMost(DEADLINE).ignoreExceptions().until(() -> storeAdmin.activeStore().name(), name::equals);
        ServiceReference<BackgroundCopyQMgr> ref = await().atMost(DEADLINE)
                .until(() -> context.getServiceReference(BackgroundCopyQMgr.class), Objects::nonNull);
        return new Qmgr(ref, context.getService(ref));
    }

    private static void awaitComplete(BackgroundCopyGroup group) {
        GroupStatus status = await().atMost(DEADLINE).until(group::getStatus, s -> s.isComplete() || s.isError());
        assertFalse("the group failed: 0x" + Integer.toHexString(status.raw()), status.isError());
        assertTrue(status.isComplete());
        assertEquals(0x140, status.raw());
    }

    /** The BackgroundCopyQMgr of this bundle, released when the test is done with it. */
    private final class Qmgr implements AutoCloseable {
        private final ServiceReference<BackgroundCopyQMgr> ref;
        private final BackgroundCopyQMgr service;

        Qmgr(ServiceReference<BackgroundCopyQMgr> ref, BackgroundCopyQMgr service) {
            this.ref = ref;
            this.service = Objects.requireNonNull(service, "BackgroundCopyQMgr went away");
        }

        @Override
        public void close() {
            context.ungetService(ref);
        }
    }
}
