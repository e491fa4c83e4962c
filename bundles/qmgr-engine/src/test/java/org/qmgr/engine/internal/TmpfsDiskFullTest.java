package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.WaitReason;
import org.qmgr.api.Win32Results;

/**
 * {@link DiskFullTest}'s first case on a real full file system: a 1 MiB tmpfs, enlarged to 8 MiB when space
 * returns. Needs
 * root and a kernel that lets this process mount (a CI container usually does not): skipped otherwise, which is
 * why the seam-based {@link DiskFullTest} is the one that always runs.
 */
class TmpfsDiskFullTest extends EngineTestSupport {

    private Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aRealFullTmpfsMakesTheGroupRetryWithDiskFullAndItFinishesByItselfOnceTheFileSystemGrows() throws Exception {
        Path point = dir.resolve("tmpfs");
        Files.createDirectory(point);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", point.toString()) == 0,
                "mounting a tmpfs needs root");
        mount = point;
        byte[] body = TestContent.bytes(21, 3 * 1024 * 1024);
        origin.put("/big.bin", body);
        Path local = point.resolve("big.bin");
        useSettings(EngineFixture.settings().minRetryDelay(Duration.ofSeconds(1))
                .noProgressTimeout(Duration.ofSeconds(600)).build());
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/big.bin"), local.toString());
        group.resume();

        // Transient by default: the group retries (the status word stays INCOMPLETE) with the kernel's ENOSPC
        // recorded, and finishes by itself once the file system grows.
        await().atMost(Duration.ofSeconds(10)).until(() -> group.why().code() == WaitReason.RETRY_WAIT);
        assertThat(group.why().win32Result()).isEqualTo(Win32Results.ERROR_DISK_FULL);
        assertThat(group.getStatus().raw() & 0x200).as("not ERROR").isZero();
        assertThat(local).doesNotExist();

        assertThat(run("mount", "-o", "remount,size=8m", point.toString())).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(TestContent.sha256(Files.readAllBytes(local))).isEqualTo(TestContent.sha256(body));
        try (Stream<Path> files = Files.list(point)) {
            assertThat(files.toList()).isEqualTo(List.of(local));
        }
        List<TestOrigin.Logged> gets = origin.gets("/big.bin");
        assertThat(gets.get(gets.size() - 1).range()).as("the last retry continues from the checkpoint")
                .startsWith("bytes=").isNotEqualTo("bytes=0-");
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
