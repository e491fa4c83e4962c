package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.JobStatus;
import org.qmgr.api.Win32Results;

/**
 * Issue 8, the time between validation and use (P9): a local path is confined when it is added, and a group may
 * transfer days later. A directory swapped for a symbolic link out of the confinement in between, or a link
 * planted under the temp file's predictable name, must not carry a single byte out: the group fails with
 * ERROR_ACCESS_DENIED (fatal) and the place outside is untouched.
 */
class DestinationSwapTest extends EngineTestSupport {

    @Test
    void aDirectorySwappedForALinkOutOfTheAllowedRootsBeforeTheTransferIsRefused() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        useSettings(EngineFixture.settings().with("allowedLocalRoots", new String[] {root.toString()}).build());
        origin.put("/f.bin", TestContent.bytes(4, 50_000));
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFile(origin.url("/f.bin"), inbox.resolve("f.bin").toString());

        Files.delete(inbox);
        Files.createSymbolicLink(inbox, outside);
        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);
        JobStatus status = job.getStatus();
        assertThat(status.win32Result()).isEqualTo(Win32Results.ERROR_ACCESS_DENIED);
        assertThat(group.getInfo().errorDescription).contains("allowed roots");
        try (var left = Files.list(outside)) {
            assertThat(left.toList()).as("nothing written outside").isEmpty();
        }
        assertThat(origin.gets("/f.bin")).as("not even a request").isEmpty();
    }

    @Test
    void aUsersDirectorySwappedForALinkOutOfItBeforeTheCommitIsRefusedAtTheRename() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        useSettings(EngineFixture.settings().with("userLocalRoots", new String[] {dir + "/users/{user}"}).build());
        // The body stalls half-way until the swap is done, so the swap falls between the temp file and the rename.
        TestOrigin.Fault stall = origin.put("/f.bin", TestContent.bytes(5, 50_000)).stallAt(25_000);
        Path inbox = Files.createDirectories(dir.resolve("users/alice/inbox"));
        BackgroundCopyGroup group = fixture.client("alice", false).createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFile(origin.url("/f.bin"), inbox.resolve("f.bin").toString());
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(stall::reached);

        // The temp file lives in inbox: move the real directory aside, and put a link to outside in its place.
        Path aside = Files.move(inbox, dir.resolve("users/alice/aside"));
        Files.createSymbolicLink(inbox, outside);
        Files.createSymbolicLink(outside.resolve(tempName(aside)), aside.resolve(tempName(aside)));
        stall.release();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);
        assertThat(job.getStatus().win32Result()).isEqualTo(Win32Results.ERROR_ACCESS_DENIED);
        assertThat(group.getInfo().errorDescription).contains("download directory");
        assertThat(outside.resolve("f.bin")).doesNotExist();
    }

    @Test
    void aLinkPlantedUnderTheTempFilesNameIsNotFollowed() throws Exception {
        origin.put("/f.bin", TestContent.bytes(6, 50_000));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFile(origin.url("/f.bin"), dir.resolve("f.bin").toString());
        UUID jobId = job.getJobId();
        Path temp = TempFiles.of(fixture.store.read(tx -> tx.files(jobId)).get(0));
        Files.createSymbolicLink(temp, victim);
        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);
        assertThat(job.getStatus().win32Result()).isEqualTo(Win32Results.ERROR_ACCESS_DENIED);
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(dir.resolve("f.bin")).doesNotExist();
    }

    private static String tempName(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("BIT")).findFirst()
                    .orElseThrow();
        }
    }
}
