package org.qmgr.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.qmgr.itests.KarafUsers.as;
import static org.qmgr.itests.KarafUsers.login;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.HResults;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.dto.GroupDTO;

/**
 * Issue 8, owner isolation (spec P11, §2.1.2, C15/C16) in the shipped Karaf: two JAAS users without the admin
 * role, and two bundles (built here, each calling the bundle-scoped service from its own context, so each is
 * {@code bundle:<bsn>}), neither see nor change each other's groups; every attempt fails with
 * {@code E_ACCESSDENIED} and leaves the queue as it was. An administrator sees every group, takes one over with
 * {@code getGroup}, and the takeover is logged at INFO in Karaf's log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OwnerIsolationIT extends QmgrTestSupport {

    private static final String BUNDLE_A = "org.qmgr.itests.owner-a";
    private static final String BUNDLE_B = "org.qmgr.itests.owner-b";

    @Inject
    BundleContext context;

    @Inject
    BackgroundCopyQMgr qmgr;

    private Subject alice;
    private Subject bob;
    private Subject carol;

    /** Runs in the driver JVM: two plain users and an administrator in Karaf's JAAS realm. */
    @Override
    @Configuration
    public Option[] config() throws Exception {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/users.properties", "alice", "alice-pw,viewer,ssh"),
                editConfigurationFilePut("etc/users.properties", "bob", "bob-pw,viewer,ssh"),
                editConfigurationFilePut("etc/users.properties", "carol", "carol-pw,admin,manager,viewer,ssh"));
    }

    @Before
    public void logIn() throws Exception {
        alice = login("alice", "alice-pw");
        bob = login("bob", "bob-pw");
        carol = login("carol", "carol-pw");
    }

    @Test
    public void twoUsersNeitherSeeNorChangeEachOthersGroups() throws Exception {
        Path aliceDir = KarafUsers.downloadDir("alice", "owner-isolation");
        Path bobDir = KarafUsers.downloadDir("bob", "owner-isolation");
        // other tests of this class share the Karaf: compare with what each user had before
        List<UUID> alicesBefore = as(alice, () -> qmgr.enumGroups().next(1000));
        List<UUID> bobsBefore = as(bob, () -> qmgr.enumGroups().next(1000));
        BackgroundCopyGroup aliceGroup = as(alice, () -> populated(qmgr, "alice's", aliceDir.resolve("a")));
        BackgroundCopyGroup bobGroup = as(bob, () -> populated(qmgr, "bob's", bobDir.resolve("b")));
        UUID a = aliceGroup.getGroupId();
        UUID b = bobGroup.getGroupId();
        String aliceBefore = fingerprint(a);
        String bobBefore = fingerprint(b);

        as(bob, () -> {
            assertEquals(Set.copyOf(plus(bobsBefore, b)), Set.copyOf(qmgr.enumGroups().next(1000)));
            assertSeesNothingOf(qmgr, a);
            return null;
        });
        as(alice, () -> {
            assertEquals(Set.copyOf(plus(alicesBefore, a)), Set.copyOf(qmgr.enumGroups().next(1000)));
            assertSeesNothingOf(qmgr, b);
            return null;
        });

        assertEquals("alice's group is unchanged", aliceBefore, fingerprint(a));
        assertEquals("bob's group is unchanged", bobBefore, fingerprint(b));
        as(alice, () -> {
            aliceGroup.cancel();
            return null;
        });
        as(bob, () -> {
            bobGroup.cancel();
            return null;
        });
    }

    @Test
    public void twoBundlesNeitherSeeNorChangeEachOthersGroups() throws Exception {
        Bundle bundleA = install(BUNDLE_A);
        Bundle bundleB = install(BUNDLE_B);
        try {
            BackgroundCopyQMgr qmgrA = serviceOf(bundleA);
            BackgroundCopyQMgr qmgrB = serviceOf(bundleB);
            Path dir = Files.createTempDirectory("owner-isolation-bundles");
            UUID a = populated(qmgrA, "bundle a's", dir.resolve("a")).getGroupId();
            UUID b = populated(qmgrB, "bundle b's", dir.resolve("b")).getGroupId();
            assertEquals("bundle:" + BUNDLE_A, fingerprintOwner(a));
            assertEquals("bundle:" + BUNDLE_B, fingerprintOwner(b));
            String aBefore = fingerprint(a);
            String bBefore = fingerprint(b);

            assertEquals(List.of(a), qmgrA.enumGroups().next(100));
            assertEquals(List.of(b), qmgrB.enumGroups().next(100));
            assertSeesNothingOf(qmgrA, b);
            assertSeesNothingOf(qmgrB, a);
            assertFalse("the test's own bundle is a third owner", qmgr.enumGroups().next(100).contains(a));
            assertSeesNothingOf(qmgr, a);

            assertEquals(aBefore, fingerprint(a));
            assertEquals(bBefore, fingerprint(b));
            qmgrA.getGroup(a).cancel();
            qmgrB.getGroup(b).cancel();
        } finally {
            bundleA.uninstall();
            bundleB.uninstall();
        }
    }

    @Test
    public void anAdministratorSeesEveryGroupAndATakeoverIsLogged() throws Exception {
        Path dir = Files.createTempDirectory("owner-isolation-admin");
        Path aliceDir = KarafUsers.downloadDir("alice", "owner-isolation-admin");
        Path bobDir = KarafUsers.downloadDir("bob", "owner-isolation-admin");
        BackgroundCopyGroup aliceHandle = as(alice, () -> populated(qmgr, "alice's", aliceDir.resolve("a")));
        UUID a = aliceHandle.getGroupId();
        UUID b = as(bob, () -> populated(qmgr, "bob's", bobDir.resolve("b")).getGroupId());
        Bundle bundleA = install(BUNDLE_A + ".admin");
        try {
            UUID c = populated(serviceOf(bundleA), "a bundle's", dir.resolve("c")).getGroupId();

            as(carol, () -> {
                List<UUID> all = qmgr.enumGroups().next(1000);
                assertTrue(all.toString(), all.containsAll(List.of(a, b, c)));
                assertEquals("a snapshot moves nothing", "alice", qmgr.getGroupInfo(a).owner);
                assertNotNull(qmgr.why(b));
                BackgroundCopyGroup taken = qmgr.getGroup(a);
                assertEquals("carol", taken.getInfo().owner);
                taken.setDisplayName("carol's now");
                return null;
            });
            as(alice, () -> {
                assertFalse(qmgr.enumGroups().next(100).contains(a));
                assertSeesNothingOf(qmgr, a);
                // the handle alice opened before the takeover lost access with it
                assertDenied("suspend", aliceHandle::suspend);
                assertDenied("cancel", aliceHandle::cancel);
                assertDenied("setDisplayName", () -> aliceHandle.setDisplayName("alice's again"));
                assertDenied("createJob", () -> aliceHandle.createJob(UUID.randomUUID()));
                return null;
            });
            assertEquals("carol|carol's now", fingerprint(a).substring(0, "carol|carol's now".length()));
            assertEquals("bob", fingerprintOwner(b));
            String line = "group " + a + " taken over by carol from alice";
            Path log = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data") + "/log"), "karaf.log");
            await().atMost(Duration.ofSeconds(30)).until(() -> logLines(log).stream().anyMatch(l -> l.contains(line)));
            String logged = logLines(log).stream().filter(l -> l.contains(line)).findFirst().orElseThrow();
            assertTrue(logged, logged.contains("INFO"));
        } finally {
            bundleA.uninstall();
        }
    }

    private static List<UUID> plus(List<UUID> before, UUID added) {
        List<UUID> all = new ArrayList<>(before);
        all.add(added);
        return all;
    }

    /** Creates a group with a display name, a job and one file, suspended. */
    private static BackgroundCopyGroup populated(BackgroundCopyQMgr q, String name, Path local) {
        BackgroundCopyGroup group = q.createGroup(UUID.randomUUID());
        group.setDisplayName(name);
        group.createJob(UUID.randomUUID()).addFile(origin() + "/small.bin", local.toString());
        return group;
    }

    /** Neither the enumeration, nor a snapshot, nor the reason, nor a handle reveal the other owner's group. */
    private static void assertSeesNothingOf(BackgroundCopyQMgr q, UUID other) {
        assertFalse(q.enumGroups().next(1000).contains(other));
        assertDenied("getGroup", () -> q.getGroup(other));
        assertDenied("getGroupInfo", () -> q.getGroupInfo(other));
        assertDenied("why", () -> q.why(other));
    }

    private static void assertDenied(String what, Runnable call) {
        try {
            call.run();
            fail(what + " was allowed");
        } catch (QmgrAccessDeniedException e) {
            assertEquals(what, HResults.E_ACCESSDENIED, e.hresult());
        }
    }

    /** What an owner could change, read as the administrator through snapshots (which never move ownership). */
    private String fingerprint(UUID group) throws Exception {
        return as(carol, () -> {
            GroupDTO d = qmgr.getGroupInfo(group);
            return d.owner + "|" + d.displayName + "|" + d.description + "|" + d.state + "|" + d.status + "|"
                    + d.backgroundPriority + "|" + d.foreground + "|" + d.modifiedMillis + "|"
                    + d.jobs.stream().map(j -> j.jobId + ":" + j.files.size()).collect(Collectors.joining(","));
        });
    }

    private String fingerprintOwner(UUID group) throws Exception {
        return as(carol, () -> qmgr.getGroupInfo(group).owner);
    }

    /** Installs and starts an empty bundle that imports the API: a client with an identity of its own. */
    private Bundle install(String symbolicName) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        main.putValue(Constants.IMPORT_PACKAGE, "org.qmgr.api");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            out.flush();
        }
        Bundle bundle = context.installBundle("test:" + symbolicName, new ByteArrayInputStream(jar.toByteArray()));
        bundle.start();
        return bundle;
    }

    /** The bundle-scoped service as the given bundle gets it: its calls carry that bundle's identity. */
    private static BackgroundCopyQMgr serviceOf(Bundle bundle) {
        BundleContext own = bundle.getBundleContext();
        ServiceReference<BackgroundCopyQMgr> ref = own.getServiceReference(BackgroundCopyQMgr.class);
        assertNotNull("service visible to " + bundle.getSymbolicName(), ref);
        return own.getService(ref);
    }

    private static List<String> logLines(Path log) throws IOException {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(log.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("karaf.log")).toList()) {
                lines.addAll(Files.readAllLines(f, UTF_8));
            }
        }
        return lines;
    }
}
