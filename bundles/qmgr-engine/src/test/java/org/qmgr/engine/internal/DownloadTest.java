package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.ProgressType;
import org.qmgr.api.dto.FileDTO;

/** Files download in order through the real Jetty transport, land by atomic rename, and report progress. */
class DownloadTest extends EngineTestSupport {

    @Test
    void threeFilesDownloadInIndexOrderAndCompleteTheGroup() throws Exception {
        byte[][] bodies = {TestContent.bytes(1, 300_000), TestContent.bytes(2, 5), TestContent.bytes(3, 1_048_576)};
        for (int i = 0; i < 3; i++) {
            origin.put("/f" + i, bodies[i]);
        }
        Files.writeString(dir.resolve("f0"), "old content to be replaced");
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFiles(List.of(new FileSetInfo(origin.url("/f0"), dir.resolve("f0").toString(), 7),
                new FileSetInfo(origin.url("/f1"), dir.resolve("f1").toString()),
                new FileSetInfo(origin.url("/f2"), dir.resolve("f2").toString())));
        assertThat(group.getStatus().raw()).isEqualTo(0x180);

        group.resume();

        await().atMost(Duration.ofSeconds(20)).until(() -> group.getStatus().raw() == 0x140);
        for (int i = 0; i < 3; i++) {
            Path file = dir.resolve("f" + i);
            assertThat(Files.readAllBytes(file)).isEqualTo(bodies[i]);
            assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(TestOrigin.LAST_MODIFIED);
        }
        assertThat(job.getStatus().raw()).isEqualTo(0x04);
        long total = bodies[0].length + bodies[1].length + bodies[2].length;
        assertThat(group.getSize()).isEqualTo(total);
        assertThat(group.getProgress(ProgressType.SIZE_DONE)).isEqualTo(total);
        assertThat(group.getProgress(ProgressType.PERCENT_DONE)).isEqualTo(100);
        assertThat(job.getFile(0).sizeHint()).isEqualTo(7);
        FileDTO info = job.getFileInfo(2);
        assertThat(info.completed).isTrue();
        assertThat(info.sha256).isEqualTo(TestContent.sha256(bodies[2]));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("f0", "f1", "f2");
        }
        List<String> getOrder = origin.log().stream().filter(l -> l.method().equals("GET")).map(TestOrigin.Logged::path).toList();
        assertThat(getOrder).containsExactly("/f0", "/f1", "/f2");
    }

    @Test
    void finalPathIsUntouchedWhileATempFileGrows() throws Exception {
        byte[] body = TestContent.bytes(4, 20 * TestOrigin.CHUNK);
        TestOrigin.Resource r = origin.put("/big", body);
        r.gate = new java.util.concurrent.Semaphore(2);
        Path target = dir.resolve("big.bin");
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/big"), target.toString());
        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) > 0);
        assertThat(target).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .singleElement().satisfies(name -> assertThat(name).startsWith("BIT").endsWith(".tmp"));
        }
        long percent = group.getProgress(ProgressType.PERCENT_DONE);
        assertThat(percent).isBetween(0L, 99L);
        r.gate.release(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
    }
}
