package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.HResults;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.QmgrException;
import org.qmgr.api.QmgrLimitExceededException;

/**
 * Issue 8 hardening, engine side: the optional BITS-style limits (spec §2.1.1, §2.3.4, P1) fail with the
 * spec's codes, count per owner, and leave nothing half-applied; {@code allowedLocalRoots} (P9) confines local
 * paths after {@code ..} and symbolic links are resolved.
 */
class SecurityLimitsTest {

    @TempDir
    Path dir;

    @Test
    void maxGroupsPerUserCountsPerOwnerAndRefusesWithTooManyJobsPerUser() {
        try (EngineFixture f = new EngineFixture(EngineFixture.settings().with("maxGroupsPerUser", 2).build())) {
            BackgroundCopyQMgr alice = f.client("alice", false);
            BackgroundCopyQMgr bob = f.client("bob", false);
            alice.createGroup(UUID.randomUUID());
            alice.createGroup(UUID.randomUUID());
            UUID refused = UUID.randomUUID();

            assertHresult(() -> alice.createGroup(refused), HResults.BG_E_TOO_MANY_JOBS_PER_USER,
                    QmgrLimitExceededException.class);

            assertThat(alice.enumGroups().getCount()).isEqualTo(2);
            assertThat(f.client("root", true).enumGroups().next(10)).doesNotContain(refused);
            // another owner has its own allowance
            bob.createGroup(UUID.randomUUID());
            bob.createGroup(UUID.randomUUID());
            assertThat(bob.enumGroups().getCount()).isEqualTo(2);
            assertHresult(() -> bob.createGroup(UUID.randomUUID()), HResults.BG_E_TOO_MANY_JOBS_PER_USER,
                    QmgrLimitExceededException.class);
            // cancelling one frees a place
            alice.getGroup(alice.enumGroups().next(1).get(0)).cancel();
            alice.createGroup(refused);
            assertThat(alice.enumGroups().next(10)).contains(refused);
        }
    }

    @Test
    void maxGroupsPerMachineCountsEveryOwnerAndRefusesWithTooManyJobsPerMachine() {
        try (EngineFixture f = new EngineFixture(EngineFixture.settings().with("maxGroupsPerMachine", 3).build())) {
            BackgroundCopyQMgr alice = f.client("alice", false);
            BackgroundCopyQMgr bob = f.client("bob", false);
            alice.createGroup(UUID.randomUUID());
            alice.createGroup(UUID.randomUUID());
            bob.createGroup(UUID.randomUUID());

            assertHresult(() -> bob.createGroup(UUID.randomUUID()), HResults.BG_E_TOO_MANY_JOBS_PER_MACHINE,
                    QmgrLimitExceededException.class);
            assertHresult(() -> f.client("root", true).createGroup(UUID.randomUUID()),
                    HResults.BG_E_TOO_MANY_JOBS_PER_MACHINE, QmgrLimitExceededException.class);
            assertThat(f.client("root", true).enumGroups().getCount()).isEqualTo(3);
        }
    }

    @Test
    void maxFilesPerJobRefusesAnOversizedBatchWholeAndCountsFilesAlreadyThere() {
        try (EngineFixture f = new EngineFixture(EngineFixture.settings().with("maxFilesPerJob", 3).build())) {
            BackgroundCopyJob job = f.client("alice", false).createGroup(UUID.randomUUID())
                    .createJob(UUID.randomUUID());
            job.addFile("http://127.0.0.1/0", dir.resolve("0").toString());

            assertHresult(() -> job.addFiles(files(1, 3)), HResults.BG_E_TOO_MANY_FILES_IN_JOB,
                    QmgrLimitExceededException.class);
            assertThat(job.getFileCount()).as("nothing of the refused batch is added").isEqualTo(1);

            job.addFiles(files(1, 2));
            assertThat(job.getFileCount()).isEqualTo(3);
            assertHresult(() -> job.addFile("http://127.0.0.1/9", dir.resolve("9").toString()),
                    HResults.BG_E_TOO_MANY_FILES_IN_JOB, QmgrLimitExceededException.class);
            // the limit is per job: another job of another owner starts from zero
            BackgroundCopyJob other = f.client("bob", false).createGroup(UUID.randomUUID())
                    .createJob(UUID.randomUUID());
            other.addFiles(files(10, 3));
            assertThat(other.getFileCount()).isEqualTo(3);
        }
    }

    @Test
    void maxJobsPerGroupRefusesTheExtraJobAndLeavesTheGroupAsItWas() {
        try (EngineFixture f = new EngineFixture(EngineFixture.settings().with("maxJobsPerGroup", 2).build())) {
            BackgroundCopyGroup group = f.client("alice", false).createGroup(UUID.randomUUID());
            UUID first = group.createJob(UUID.randomUUID()).getJobId();
            UUID second = group.createJob(UUID.randomUUID()).getJobId();

            // The spec names no code for the P1 limit; the engine uses the closest BITS one (JobsConformanceTest).
            assertHresult(() -> group.createJob(UUID.randomUUID()), HResults.BG_E_TOO_MANY_FILES_IN_JOB,
                    QmgrLimitExceededException.class);
            assertThat(group.enumJobs().next(5)).containsExactly(first, second);
            BackgroundCopyGroup other = f.client("bob", false).createGroup(UUID.randomUUID());
            other.createJob(UUID.randomUUID());
            other.createJob(UUID.randomUUID());
            assertThat(other.enumJobs().getCount()).isEqualTo(2);
        }
    }

    @Test
    void allowedLocalRootsRefusesPathsOutsideIncludingDotDotAndSymlinksAndAddsNothing() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path sub = Files.createDirectories(root.resolve("sub"));
        Path link = Files.createSymbolicLink(root.resolve("escape"), outside);
        try (EngineFixture f = new EngineFixture(EngineFixture.settings()
                .with("allowedLocalRoots", new String[] {root.toString()}).build())) {
            BackgroundCopyJob job = f.client("alice", false).createGroup(UUID.randomUUID())
                    .createJob(UUID.randomUUID());
            for (Path bad : List.of(outside.resolve("f"), sub.resolve("../../outside/f"), root.resolve("../outside/f"),
                    link.resolve("f"))) {
                assertHresult(() -> job.addFile("http://127.0.0.1/f", bad.toString()), HResults.E_ACCESSDENIED,
                        QmgrAccessDeniedException.class);
            }
            // one bad entry in a batch refuses the whole batch
            assertHresult(() -> job.addFiles(List.of(new FileSetInfo("http://127.0.0.1/a", sub.resolve("a").toString()),
                            new FileSetInfo("http://127.0.0.1/b", link.resolve("b").toString()))),
                    HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
            assertThat(job.getFileCount()).isZero();
            assertThat(outside).isEmptyDirectory();

            job.addFiles(List.of(new FileSetInfo("http://127.0.0.1/a", root.resolve("a").toString()),
                    new FileSetInfo("http://127.0.0.1/b", sub.resolve("b").toString()),
                    new FileSetInfo("http://127.0.0.1/c", sub.resolve("../c2").toString())));
            assertThat(job.getFileCount()).isEqualTo(3);
        }
    }

    @Test
    void hostInstallationDirectoriesAreRefusedEvenInsideAnAllowedRoot() throws IOException {
        Path home = Files.createDirectories(dir.resolve("karaf"));
        for (String d : List.of("etc", "deploy", "system", "lib", "bin", "data")) {
            Files.createDirectories(home.resolve(d));
        }
        String before = System.getProperty("karaf.home");
        System.setProperty("karaf.home", home.toString());
        try (EngineFixture f = new EngineFixture(EngineFixture.settings()
                .with("allowedLocalRoots", new String[] {home.toString()}).build())) {
            BackgroundCopyJob job = f.client("alice", false).createGroup(UUID.randomUUID())
                    .createJob(UUID.randomUUID());
            for (String d : List.of("etc", "deploy", "system", "lib", "bin")) {
                assertHresult(() -> job.addFile("http://127.0.0.1/f", home.resolve(d).resolve("x.cfg").toString()),
                        HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
                assertHresult(() -> job.addFile("http://127.0.0.1/f", home.resolve("data/../" + d + "/x").toString()),
                        HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
            }
            assertThat(job.getFileCount()).isZero();
            job.addFile("http://127.0.0.1/f", home.resolve("data/x").toString());
            assertThat(job.getFileCount()).isEqualTo(1);
        } finally {
            if (before == null) {
                System.clearProperty("karaf.home");
            } else {
                System.setProperty("karaf.home", before);
            }
        }
    }

    private List<FileSetInfo> files(int from, int count) {
        List<FileSetInfo> list = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            list.add(new FileSetInfo("http://127.0.0.1/" + i, dir.resolve(String.valueOf(i)).toString()));
        }
        return list;
    }

    private static void assertHresult(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int hresult,
                                      Class<? extends QmgrException> type) {
        assertThatThrownBy(call).isInstanceOf(type)
                .satisfies(e -> assertThat(((QmgrException) e).hresult()).isEqualTo(hresult));
    }
}
