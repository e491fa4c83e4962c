package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.Win32Results;
import org.qmgr.api.dto.GroupDTO;

/**
 * Issue 8, {@code maxBytesPerFile}: a file whose announced size is over the limit fails its group, fatally, with
 * {@code ERROR_DISK_FULL} before a byte is written; a file of exactly the limit completes; 0 means no limit.
 */
class MaxBytesPerFileTest extends EngineTestSupport {

    private static final int LIMIT = 3 * TestOrigin.CHUNK;

    @Test
    void aFileOverTheLimitFailsItsGroupWithoutWritingAndOneAtTheLimitCompletes() throws IOException {
        useSettings(EngineFixture.settings().with("maxBytesPerFile", (long) LIMIT).build());
        origin.put("/big", TestContent.bytes(1, LIMIT + 1));
        origin.put("/fits", TestContent.bytes(2, LIMIT));
        Path bigDir = Files.createDirectories(dir.resolve("big"));
        BackgroundCopyGroup big = group("/big", bigDir.resolve("big.bin"));
        BackgroundCopyGroup fits = group("/fits", dir.resolve("fits.bin"));
        big.resume();
        fits.resume();

        await().atMost(Duration.ofSeconds(20)).until(() -> big.getStatus().raw() == 0x380);
        GroupDTO failed = big.getInfo();
        assertThat(failed.win32Result).isEqualTo(Win32Results.ERROR_DISK_FULL);
        assertThat(failed.transportResult).isEqualTo(200);
        assertThat(failed.errorDescription).contains("maxBytesPerFile");
        try (Stream<Path> left = Files.list(bigDir)) {
            assertThat(left).as("neither the file nor a temp file with bytes").allMatch(p -> p.toFile().length() == 0);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> fits.getStatus().raw() == 0x140);
        assertThat(Files.size(dir.resolve("fits.bin"))).isEqualTo(LIMIT);
    }

    @Test
    void withoutALimitALargeFileCompletes() throws IOException {
        origin.put("/large", TestContent.bytes(3, 8 * TestOrigin.CHUNK));
        BackgroundCopyGroup large = group("/large", dir.resolve("large.bin"));
        large.resume();
        await().atMost(Duration.ofSeconds(20)).until(() -> large.getStatus().raw() == 0x140);
        assertThat(Files.size(dir.resolve("large.bin"))).isEqualTo(8L * TestOrigin.CHUNK);
    }

    private BackgroundCopyGroup group(String path, Path local) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), local.toString());
        return group;
    }
}
