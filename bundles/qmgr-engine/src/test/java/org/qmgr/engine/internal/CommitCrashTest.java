package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.spi.store.FileRecord;

/**
 * A crash at each step of committing a file (spec §1.5, §1.9): a child JVM ({@link CommitCrashChild}) downloads a
 * file on an embedded H2 file store and halts right after the step; a new engine on the same database and
 * directory then finishes the group. Whatever the step, exactly one file is left, at the local path, with the
 * origin's bytes, no temp file, and a store record that says so; the file is fetched again only as far as the
 * store cannot vouch for it.
 */
class CommitCrashTest {

    static final String DATABASE = "queue";
    private static final int KIB = 1024;

    @TempDir
    Path dbDir;
    @TempDir
    Path dir;
    private TestOrigin origin;
    private EngineFixture fixture;

    @BeforeEach
    void startOrigin() throws Exception {
        origin = new TestOrigin();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        origin.close();
    }

    @ParameterizedTest
    @EnumSource(LocalDisk.CommitStep.class)
    void aCrashAtEachCommitStepLeavesExactlyOneCorrectFileAfterRestart(LocalDisk.CommitStep step) throws Exception {
        byte[] body = TestContent.bytes(11, KIB * KIB + 7);
        TestOrigin.Resource resource = origin.put("/file.bin", body);
        Path local = dir.resolve("file.bin");
        UUID groupId = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();

        assertThat(runChild(step, local, groupId, jobId)).as("exit code of the child halted at " + step)
                .isEqualTo(CommitCrashChild.HALTED);
        int getsBeforeRestart = origin.gets("/file.bin").size();
        FileRecord atCrash = storedFile(jobId);

        fixture = new EngineFixture(EngineFixture.settings().build(), H2Database.embeddedStore(dbDir, DATABASE));
        BackgroundCopyGroup group = fixture.client().getGroup(groupId);
        await().atMost(Duration.ofSeconds(20)).until(() -> group.getStatus().raw() == 0x140);

        assertThat(listDir()).as("files in the directory").containsExactly(local);
        assertThat(TestContent.sha256(Files.readAllBytes(local))).isEqualTo(TestContent.sha256(body));
        FileRecord done = fixture.store.read(tx -> tx.files(jobId)).get(0);
        assertThat(done.completed()).isTrue();
        assertThat(done.totalBytes()).isEqualTo(body.length);
        assertThat(done.bytesDone()).isEqualTo(body.length);
        assertThat(done.sha256()).isEqualTo(TestContent.sha256(body));
        assertThat(fixture.client().getGroup(groupId).getJob(jobId).getFileCount()).isEqualTo(1);

        List<TestOrigin.Logged> refetched = origin.gets("/file.bin").subList(getsBeforeRestart,
                origin.gets("/file.bin").size());
        switch (step) {
            // The temp file holds every byte, the store a checkpoint: the rest is fetched with Range from it, or
            // nothing at all when the last checkpoint (recorded behind the transfer) already covered every byte.
            case FLUSHED -> {
                assertThat(atCrash.completed()).isFalse();
                assertThat(atCrash.bytesDone()).isPositive().isLessThanOrEqualTo(body.length);
                if (atCrash.bytesDone() == body.length) {
                    assertThat(refetched).isEmpty();
                } else {
                    assertThat(refetched).singleElement().satisfies(g -> {
                        assertThat(g.range()).isEqualTo("bytes=" + atCrash.bytesDone() + "-");
                        assertThat(g.ifRange()).isEqualTo(resource.etag);
                    });
                }
            }
            // Renamed but not recorded: the store cannot vouch for the file at the local path (it may be the
            // client's own), so it is fetched whole again and replaces it, as any existing file is replaced.
            case RENAMED, DIRECTORIES_SYNCED -> {
                assertThat(atCrash.completed()).isFalse();
                assertThat(refetched).singleElement().satisfies(g -> assertThat(g.range()).isNull());
            }
            // Recorded complete: never fetched again.
            case STORED -> {
                assertThat(atCrash.completed()).isTrue();
                assertThat(refetched).isEmpty();
            }
        }
    }

    /** Runs the child until it halts; returns its exit code. */
    private int runChild(LocalDisk.CommitStep step, Path local, UUID groupId, UUID jobId) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The distribution's digest (see the surefire argLine): the child checkpoints the JDK SHA-256's state.
        Process child = new ProcessBuilder(java.toString(), "--add-opens",
                "java.base/sun.security.provider=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CommitCrashChild.class.getName(), dbDir.toString(), origin.url("/file.bin"), local.toString(),
                groupId.toString(), jobId.toString(), step.name())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!child.waitFor(90, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child did not halt at " + step);
        }
        return child.exitValue();
    }

    /** The file's record as the crash left it, read straight from the database. */
    private FileRecord storedFile(UUID jobId) {
        return H2Database.embeddedStore(dbDir, DATABASE).read(tx -> tx.files(jobId)).get(0);
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
