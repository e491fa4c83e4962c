package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.HResults;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.QmgrException;

/**
 * Issue 8, default path confinement: a signed-in user without an administrator role downloads only into their
 * own directories ({@code userLocalRoots}, by default {@code ${karaf.data}/downloads/{user}}), so a shell user
 * of a Karaf running as root cannot write {@code /etc/passwd}; administrators and bundles are not confined by it.
 * Every refusal leaves the queue as it was.
 */
class UserDownloadRootsTest extends EngineTestSupport {

    private void rootsUnder(Path base) {
        useSettings(EngineFixture.settings().with("userLocalRoots", new String[] {base + "/users/{user}"}).build());
    }

    @Test
    void aUserDownloadsIntoTheirOwnDirectoryWhichIsCreatedOnFirstUse() throws Exception {
        rootsUnder(dir);
        byte[] body = TestContent.bytes(3, 100_000);
        origin.put("/f.bin", body);
        Path own = dir.resolve("users/alice/f.bin");
        assertThat(own.getParent()).doesNotExist();

        BackgroundCopyGroup group = fixture.client("alice", false).createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/f.bin"), own.toString());
        group.resume();

        await().atMost(Duration.ofSeconds(20)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(TestContent.sha256(Files.readAllBytes(own))).isEqualTo(TestContent.sha256(body));
    }

    @Test
    void aUserIsRefusedEverywhereElseWithAMessageNamingTheirDirectoriesAndTheQueueUnchanged() throws Exception {
        rootsUnder(dir);
        Files.createDirectories(dir.resolve("users/bob"));
        Files.createDirectories(dir.resolve("users/alice/sub"));
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("users/alice/out"), dir.resolve("elsewhere"));
        BackgroundCopyQMgr alice = fixture.client("alice", false);
        BackgroundCopyJob job = alice.createGroup(UUID.randomUUID()).createJob(UUID.randomUUID());
        job.addFile(origin.url("/ok"), dir.resolve("users/alice/sub/ok.bin").toString());
        BackgroundCopyQMgr admin = fixture.client("karaf", true);
        String before = QueueSnapshot.of(admin);

        for (Path outside : List.of(Path.of("/etc/passwd"), dir.resolve("elsewhere/x.bin"),
                dir.resolve("users/bob/x.bin"), dir.resolve("users/alice/../bob/x.bin"),
                dir.resolve("users/alice/out/x.bin"), dir.resolve("users/x.bin"))) {
            assertThatThrownBy(() -> job.addFile(origin.url("/x"), outside.toString()))
                    .as(outside.toString())
                    .isInstanceOf(QmgrAccessDeniedException.class)
                    .satisfies(e -> assertThat(((QmgrException) e).hresult()).isEqualTo(HResults.E_ACCESSDENIED))
                    .hasMessageContaining(dir.resolve("users/alice").toString())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        // a batch with one bad entry is refused whole
        assertThatThrownBy(() -> job.addFiles(List.of(
                new FileSetInfo(origin.url("/a"), dir.resolve("users/alice/a.bin").toString()),
                new FileSetInfo(origin.url("/b"), "/etc/cron.d/b"))))
                .isInstanceOf(QmgrAccessDeniedException.class);

        assertThat(QueueSnapshot.of(admin)).isEqualTo(before);
    }

    @Test
    void administratorsAndBundlesAreNotConfinedToUserDirectories() {
        rootsUnder(dir);
        String elsewhere = dir.resolve("x.bin").toString();
        for (BackgroundCopyQMgr caller : List.of(fixture.client("karaf", true), fixture.client("bundle:app", false))) {
            BackgroundCopyJob job = caller.createGroup(UUID.randomUUID()).createJob(UUID.randomUUID());
            job.addFile(origin.url("/x"), elsewhere);
            assertThat(job.getFileCount()).isEqualTo(1);
        }
    }

    @Test
    void anEmptySettingLeavesUsersConfinedOnlyByAllowedLocalRoots() {
        useSettings(EngineFixture.settings().with("userLocalRoots", new String[] {""}).build());
        BackgroundCopyJob job = fixture.client("alice", false).createGroup(UUID.randomUUID()).createJob(UUID.randomUUID());
        job.addFile(origin.url("/x"), dir.resolve("x.bin").toString());
        assertThat(job.getFileCount()).isEqualTo(1);
    }

    @Test
    void theDefaultRefusesUsersEverywhereWhenKarafDataIsUnknownRatherThanLettingThemWriteAnywhere() {
        assertThat(System.getProperty("karaf.data")).as("unit tests run outside Karaf").isNull();
        String[] configured = Configs.of(EngineConfig.class, Map.of()).userLocalRoots();
        assertThat(configured).containsExactly(UserRoots.DEFAULT);
        useSettings(EngineFixture.settings().with("userLocalRoots", configured).build());
        BackgroundCopyJob job = fixture.client("alice", false).createGroup(UUID.randomUUID()).createJob(UUID.randomUUID());
        assertThatThrownBy(() -> job.addFile(origin.url("/x"), dir.resolve("x.bin").toString()))
                .isInstanceOf(QmgrAccessDeniedException.class)
                .hasMessage("E_ACCESSDENIED: no download directory is configured for user alice (userLocalRoots ["
                        + UserRoots.DEFAULT + "])");
    }

    @Test
    void theDefaultTemplateExpandsKarafDataAndASafeDirectoryNamePerUser() {
        UserRoots roots = new UserRoots(List.of(UserRoots.DEFAULT), Map.of("karaf.data", "/opt/karaf/data")::get);
        assertThat(roots.rootsOf("alice")).containsExactly(Path.of("/opt/karaf/data/downloads/alice"));
        assertThat(roots.rootsOf("../../etc")).containsExactly(Path.of("/opt/karaf/data/downloads/.._.._etc"));
        assertThat(roots.rootsOf("..")).containsExactly(Path.of("/opt/karaf/data/downloads/_.."));
        assertThat(roots.rootsOf("a b\u0000c")).containsExactly(Path.of("/opt/karaf/data/downloads/a_b_c"));
        assertThat(new UserRoots(List.of("relative/{user}"), k -> null).rootsOf("alice")).isEmpty();
    }
}
