package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivilegedAction;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import javax.security.auth.Subject;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.ProgressType;
import org.qmgr.api.Win32Results;
import org.qmgr.api.dto.GroupDTO;

/**
 * Product decisions that no checklist item covers (spec "Product decisions"): P3 background priorities,
 * P4 server credentials end to end, P11 identity from the JAAS subject, P12 expected and recorded SHA-256.
 * P1, P2 (JobsConformanceTest C37/C42/C43), P5 (C26), P6 (C104), P7 (C75), P8 (C28/C47) and P9 (C51/C53,
 * BadInputTest) are covered where their checklist items are.
 */
class ProductDecisionsTest extends EngineTestSupport {

    @Test
    void P3_aHighPriorityBackgroundGroupPreemptsANormalOne() {
        TestOrigin.Resource big = origin.put("/normal", TestContent.bytes(1, 40 * TestOrigin.CHUNK));
        big.gate = new Semaphore(2);
        origin.put("/high", TestContent.bytes(2, 4 * TestOrigin.CHUNK));
        BackgroundCopyGroup normal = group("/normal");
        normal.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> normal.getProgress(ProgressType.SIZE_DONE) > 0);

        BackgroundCopyGroup high = group("/high");
        high.setBackgroundPriority(BackgroundPriority.HIGH);
        high.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> high.getStatus().raw() == 0x140);
        assertThat(normal.getStatus().raw()).isEqualTo(0x80);
        assertThat(normal.getBackgroundPriority()).isEqualTo(BackgroundPriority.NORMAL);
        big.gate.release(10_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> normal.getStatus().raw() == 0x140);
    }

    @Test
    void P4_credentialsAnswerTheServersChallengeAndAreNeverReadBack() throws Exception {
        byte[] body = TestContent.bytes(3, 5000);
        origin.put("/secret", body).basicAuth = "alice:s3cret-pw";
        BackgroundCopyGroup without = group("/secret");
        without.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> without.getStatus().raw() == 0x380);
        GroupDTO failed = without.getInfo();
        assertThat(failed.transportResult).isEqualTo(401);

        BackgroundCopyGroup with = group("/secret");
        with.setRemoteCredentials("alice", "s3cret-pw");
        with.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> with.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(Path.of(with.getInfo().jobs.get(0).files.get(0).localFile))).isEqualTo(body);
        assertThat(with.getProp(org.qmgr.api.GroupProp.REMOTEUSERPWD).stringValue()).isEmpty();
        assertThat(with.getProp(org.qmgr.api.GroupProp.REMOTEUSERID).stringValue()).isEqualTo("alice");
        assertThat(String.valueOf(failed.errorDescription)).doesNotContain("s3cret-pw");
    }

    @Test
    void P11_theJaasSubjectIsTheCallerAndItsAdminRoleMakesAnAdministrator() {
        IdentityResolver resolver = new IdentityResolver(bundle("org.example.client"), () -> Set.of("bundle:org.example.admin"));
        assertThat(resolver.current()).isEqualTo(new Caller("bundle:org.example.client", false));
        assertThat(as(resolver, new UserPrincipal("alice"))).isEqualTo(new Caller("alice", false));
        assertThat(as(resolver, new UserPrincipal("bob"), new RolePrincipal("qmgr-admin"))).isEqualTo(new Caller("bob", true));
        assertThat(as(resolver, new UserPrincipal("carol"), new RolePrincipal("admin"))).isEqualTo(new Caller("carol", true));
        assertThat(as(resolver, new RolePrincipal("admin"))).as("a subject without a user is not a user")
                .isEqualTo(new Caller("bundle:org.example.client", false));
        assertThat(new IdentityResolver(bundle("org.example.admin"), () -> Set.of("bundle:org.example.admin")).current())
                .isEqualTo(new Caller("bundle:org.example.admin", true));
        assertThat(as(resolver, new UserPrincipal("alice")).user()).as("confined as a user").isTrue();
        assertThat(resolver.current().user()).isFalse();
        // A realm user named like a bundle would own, and escape confinement as, that bundle: refused.
        assertThatThrownBy(() -> as(resolver, new UserPrincipal("bundle:org.example.admin")))
                .isInstanceOf(org.qmgr.api.QmgrAccessDeniedException.class)
                .hasMessage("E_ACCESSDENIED: user name bundle:org.example.admin is reserved: names beginning with bundle: identify bundles");
    }

    @Test
    void P12_aMatchingDigestCommitsAndIsRecordedAMismatchIsFatalAndCommitsNothing() {
        byte[] body = TestContent.bytes(4, 70_000);
        origin.put("/signed", body);
        String good = TestContent.sha256(body);
        String bad = TestContent.sha256(new byte[] {1});

        BackgroundCopyGroup ok = fixture.client().createGroup(UUID.randomUUID());
        ok.createJob(UUID.randomUUID()).addFiles(List.of(new FileSetInfo(origin.url("/signed"),
                dir.resolve("good.bin").toString(), 0, good.toUpperCase())));
        ok.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> ok.getStatus().raw() == 0x140);
        assertThat(ok.getInfo().jobs.get(0).files.get(0).sha256).isEqualTo(good);

        BackgroundCopyGroup tampered = fixture.client().createGroup(UUID.randomUUID());
        tampered.createJob(UUID.randomUUID()).addFiles(List.of(new FileSetInfo(origin.url("/signed"),
                dir.resolve("bad.bin").toString(), 0, bad)));
        tampered.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> tampered.getStatus().raw() == 0x380);
        GroupDTO info = tampered.getInfo();
        assertThat(info.win32Result).isEqualTo(Win32Results.ERROR_CRC);
        assertThat(info.errorDescription).contains(good).contains(bad);
        assertThat(dir.resolve("bad.bin")).doesNotExist();
        assertThat(info.jobs.get(0).files.get(0).sha256).isNull();
    }

    private BackgroundCopyGroup group(String path) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), dir.resolve(UUID.randomUUID() + ".bin").toString());
        return group;
    }

    private static Caller as(IdentityResolver resolver, Principal... principals) {
        Subject subject = new Subject(true, Set.of(principals), Set.of(), Set.of());
        @SuppressWarnings("removal")
        Caller caller = Subject.doAs(subject, (PrivilegedAction<Caller>) resolver::current);
        return caller;
    }

    private static Bundle bundle(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> method.getName().equals("getSymbolicName") ? symbolicName : null);
    }

    /** Named like Karaf's JAAS principals, which the resolver recognises by simple class name. */
    record UserPrincipal(String getName) implements Principal {
    }

    /** Named like Karaf's JAAS role principal. */
    record RolePrincipal(String getName) implements Principal {
    }
}
