package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.JobStatus;

/** A fatal status stops the group in ERROR with the spec's result pair; a transient one is retried. */
class ErrorHandlingTest extends EngineTestSupport {

    @Test
    void notFoundOnTheSecondFileIsFatalAndLeavesTheFirstCommitted() throws Exception {
        origin.put("/one", TestContent.bytes(1, 100));
        origin.put("/three", TestContent.bytes(3, 100));
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        List<FileSetInfo> files = new ArrayList<>();
        for (String name : List.of("one", "missing", "three")) {
            files.add(new FileSetInfo(origin.url("/" + name), dir.resolve(name).toString()));
        }
        job.addFiles(files);
        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);
        JobStatus status = job.getStatus();
        assertThat(status.raw()).isEqualTo(0x18);
        assertThat(status.transportResult()).isEqualTo(404);
        assertThat(status.win32Result()).isZero();
        assertThat(status.numOfRetries()).isZero();
        assertThat(dir.resolve("one")).exists();
        assertThat(origin.gets("/three")).isEmpty();
    }

    @Test
    void transientServiceUnavailableIsRetriedUntilTheFileCompletes() throws Exception {
        byte[] body = TestContent.bytes(5, 2000);
        origin.put("/flaky", body).failNext(503, 503);
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/flaky"), dir.resolve("flaky").toString());
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        group.resume();

        await().atMost(Duration.ofSeconds(15)).until(() -> {
            seen.add(group.getStatus().raw());
            return group.getStatus().raw() == 0x140;
        });
        assertThat(seen).allMatch(s -> s == 0x80 || s == 0x140);
        assertThat(origin.gets("/flaky")).hasSize(3);
        assertThat(Files.readAllBytes(dir.resolve("flaky"))).isEqualTo(body);
    }
}
