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
import org.qmgr.api.JobStatus;
import org.qmgr.api.Win32Results;

/**
 * {@link DiskFullTest} on a real full file system: a 1 MiB tmpfs, enlarged to 8 MiB when space returns. Needs
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
    void aRealFullTmpfsStopsTheGroupWithDiskFullAndTheResumeFinishesOnceItGrows() throws Exception {
        Path point = dir.resolve("tmpfs");
        Files.createDirectory(point);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", point.toString()) == 0,
                "mounting a tmpfs needs root");
        mount = point;
        byte[] body = TestContent.bytes(21, 3 * 1024 * 1024);
        origin.put("/big.bin", body);
        Path local = point.resolve("big.bin");
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/big.bin"), local.toString());
        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);
        JobStatus status = onlyJob(group).getStatus();
        assertThat(status.win32Result()).isEqualTo(Win32Results.ERROR_DISK_FULL);
        assertThat(local).doesNotExist();

        assertThat(run("mount", "-o", "remount,size=8m", point.toString())).isZero();
        group.resume();
        await().atMost(Duration.ofSeconds(20)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(TestContent.sha256(Files.readAllBytes(local))).isEqualTo(TestContent.sha256(body));
        try (Stream<Path> files = Files.list(point)) {
            assertThat(files.toList()).isEqualTo(List.of(local));
        }
        assertThat(origin.gets("/big.bin").get(1).range()).as("the resume's request").startsWith("bytes=");
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
