package org.qmgr.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
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
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.api.admin.QueueStoreAdmin;
import org.qmgr.api.admin.StoreInfo;
import org.qmgr.api.dto.GroupDTO;

/**
 * Moving the queue from the distribution's H2 store to a second JDBC store (a factory configuration of
 * {@code org.qmgr.store.jdbc.extra} on a second H2 DataSource) with {@code qmgr:store-migrate}, while a
 * transfer runs; then pointing {@code store.target} back at the original store through ConfigurationAdmin.
 * Neither needs a restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreSwapIT extends QmgrTestSupport {

    private static final String SECOND = "second";
    private static final String ENGINE_PID = "org.qmgr.engine";
    private static final int COMPLETE = 0x140;

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    QueueStoreAdmin admin;

    @Inject
    ConfigurationAdmin configAdmin;

    /** Injected once, before the swap: afterwards it belongs to the engine that went away. */
    @Inject
    BackgroundCopyQMgr injected;

    @Configuration
    @Override
    public Option[] config() throws Exception {
        String dataSource = "etc/org.ops4j.datasource-qmgr2.cfg";
        String store = "etc/org.qmgr.store.jdbc.extra-" + SECOND + ".cfg";
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut(dataSource, "osgi.jdbc.driver.class", "org.h2.Driver"),
                editConfigurationFilePut(dataSource, "url", "jdbc:h2:file:${karaf.data}/qmgr/second;LOCK_TIMEOUT=10000"),
                editConfigurationFilePut(dataSource, "dataSourceName", "qmgr2"),
                editConfigurationFilePut(store, "qmgr.store.name", SECOND),
                editConfigurationFilePut(store, "dataSource.target", "(dataSourceName=qmgr2)"),
                // background transfers at 1 MiB/s, so that the 10 MiB file is still running when the queue moves
                editConfigurationFilePut("etc/org.qmgr.engine.cfg", "backgroundMaxBytesPerSecond", "1048576"));
    }

    @Before
    public void awaitBothStoresAndTheCommands() {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                sessionFactory.getRegistry().getCommand("qmgr", "store-migrate") != null
                        && admin.stores().stream().map(StoreInfo::name).collect(Collectors.toSet())
                                .containsAll(Set.of("jdbc", SECOND)));
    }

    @Test
    public void theQueueMovesToASecondDatabaseWithoutARestartAndBack() throws Exception {
        assertEquals("jdbc", admin.activeStore().name());
        Path dir = Files.createTempDirectory("qmgr-swap-it");
        UUID complete = group(injected, "complete", origin() + "/small.txt", dir.resolve("small.txt"));
        injected.getGroup(complete).resume();
        UUID partial = group(injected, "partial", origin() + "/ten.bin", dir.resolve("partial.bin"));
        BackgroundCopyGroup p = injected.getGroup(partial);
        p.setDescription("suspended part way");
        p.resume();
        await().atMost(Duration.ofSeconds(30)).until(() -> p.getProgress(ProgressType.SIZE_DONE) >= 512 * 1024);
        p.suspend();
        UUID empty = injected.createGroup(UUID.randomUUID()).getGroupId();
        injected.getGroup(empty).setDisplayName("empty");
        await().atMost(Duration.ofSeconds(30)).until(() -> injected.getGroupInfo(complete).status == COMPLETE);
        UUID running = group(injected, "running", origin() + "/ten.bin", dir.resolve("running.bin"));
        injected.getGroup(running).resume();
        await().atMost(Duration.ofSeconds(30)).until(() -> injected.getGroupInfo(running).bytesTransferred > 0);
        Map<UUID, GroupDTO> before = Map.of(complete, injected.getGroupInfo(complete),
                partial, injected.getGroupInfo(partial), empty, injected.getGroupInfo(empty));

        Exception refused = assertThrows(Exception.class, () -> shell(as("bob"), "qmgr:store-migrate " + SECOND));
        assertTrue(refused.getMessage(), refused.getMessage().contains("bob is not an administrator"));
        Exception active = assertThrows(Exception.class, () -> shell(as("karaf", "admin"), "qmgr:store-migrate jdbc"));
        assertTrue(active.getMessage(), active.getMessage().contains("is the active queue store"));
        assertTrue("still running when the queue moves", injected.getGroupInfo(running).bytesTransferred < TestData.TEN_MIB);

        shell(as("karaf", "admin"), "qmgr:store-migrate " + SECOND);

        StoreInfo now = admin.activeStore();
        assertEquals(SECOND, now.name());
        assertEquals(List.of(4L, 3L, 3L), List.of(now.groups(), now.jobs(), now.files()));
        assertEquals("(qmgr.store.name=second)", engineConfig().get("store.target"));
        Path cfg = Path.of(System.getProperty("karaf.etc"), "org.qmgr.engine.cfg");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(cfg).contains("(qmgr.store.name=second)"));
        assertTrue(Files.readString(cfg).contains("backgroundMaxBytesPerSecond"));
        assertThrows(QmgrServiceUnavailableException.class, () -> injected.getGroupInfo(partial));
        shell(as("karaf", "admin"), "qmgr:stores");
        before.forEach((id, dto) -> assertSame(dto, withQmgr(q -> q.getGroupInfo(id))));
        await().atMost(Duration.ofSeconds(60)).until(() -> withQmgr(q -> q.getGroupInfo(running).status) == COMPLETE);
        assertArrayEquals(TestData.bytes(42, TestData.TEN_MIB), Files.readAllBytes(dir.resolve("running.bin")));
        Exception notEmpty = assertThrows(Exception.class, () -> shell(as("karaf", "admin"), "qmgr:store-migrate jdbc"));
        assertTrue(notEmpty.getMessage(), notEmpty.getMessage().contains("store jdbc is not empty"));

        Dictionary<String, Object> properties = engineConfig();
        properties.put("store.target", "(qmgr.store.name=jdbc)");
        configAdmin.getConfiguration(ENGINE_PID, "?").update(properties);

        await().atMost(Duration.ofSeconds(60)).until(() -> "jdbc".equals(admin.activeStore().name()));
        await().atMost(Duration.ofSeconds(30)).until(() -> withQmgr(q -> new HashSet<>(q.enumGroups().stream().toList()))
                .containsAll(Set.of(complete, partial, empty, running)));
        before.forEach((id, dto) -> assertSame(dto, withQmgr(q -> q.getGroupInfo(id))));
        withQmgr(q -> {
            q.getGroup(running).cancel(); // the original store still has it part way; no second download
            return null;
        });
    }

    private static UUID group(BackgroundCopyQMgr qmgr, String name, String url, Path target) {
        BackgroundCopyGroup g = qmgr.createGroup(UUID.randomUUID());
        g.setDisplayName(name);
        g.createJob(UUID.randomUUID()).addFile(url, target.toString());
        return g.getGroupId();
    }

    private static void assertSame(GroupDTO expected, GroupDTO actual) {
        assertEquals(expected.displayName, actual.displayName);
        assertEquals(expected.description, actual.description);
        assertEquals(expected.owner, actual.owner);
        assertEquals(expected.state, actual.state);
        assertEquals(expected.status, actual.status);
        assertEquals(expected.bytesTransferred, actual.bytesTransferred);
        assertEquals(expected.size, actual.size);
    }

    /** Runs against the BackgroundCopyQMgr registered now (it is registered anew when the engine switches). */
    private <T> T withQmgr(Function<BackgroundCopyQMgr, T> call) {
        return await().atMost(Duration.ofSeconds(30)).ignoreException(QmgrServiceUnavailableException.class)
                .until(() -> {
                    ServiceReference<BackgroundCopyQMgr> ref = context.getServiceReference(BackgroundCopyQMgr.class);
                    BackgroundCopyQMgr qmgr = ref == null ? null : context.getService(ref);
                    if (qmgr == null) {
                        return null;
                    }
                    try {
                        return new Holder<>(call.apply(qmgr));
                    } finally {
                        context.ungetService(ref);
                    }
                }, h -> h != null).value();
    }

    private record Holder<T>(T value) {
    }

    private Dictionary<String, Object> engineConfig() throws Exception {
        return configAdmin.getConfiguration(ENGINE_PID, "?").getProperties();
    }

    private static Subject as(String user, String... roles) {
        Set<java.security.Principal> principals = new HashSet<>();
        principals.add(new UserPrincipal(user));
        for (String role : roles) {
            principals.add(new RolePrincipal(role));
        }
        return new Subject(true, principals, Set.of(), Set.of());
    }

    /** Runs a command in a new shell session as the subject, as Karaf runs an SSH user's commands. */
    @SuppressWarnings("removal")
    private String shell(Subject subject, String command) throws Exception {
        try {
            return Subject.doAs(subject,
                    (PrivilegedExceptionAction<String>) () -> executeInShell(sessionFactory, command));
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }
}
