package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.ProgressType;
import org.qmgr.spi.store.FileRecord;

/**
 * {@code filesAtOnce} above 1: a group's next files are fetched while earlier ones transfer, yet every file
 * commits strictly in index order; a failed file fails the group at that file with everything before it
 * committed; suspend, resume and cancel keep their guarantees for every file in flight.
 */
class FilesAtOnceTest extends EngineTestSupport {

    private static final int CHUNK = TestOrigin.CHUNK;
    private static final int WIDTH = 4;

    @BeforeEach
    void fourFilesAtOnce() {
        useSettings(EngineFixture.settings().with("filesAtOnce", WIDTH).build());
    }

    @Test
    void manyFilesCompleteByteIdenticalAndTheOriginSawSeveralAtOnce() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            bodies.add(TestContent.bytes(9000 + i, 1000 + 97 * i));
            origin.put("/f" + i, bodies.get(i));
        }
        // File 0 is held until the next files were requested: they can only have been while it transferred.
        TestOrigin.Resource first = origin.put("/f0", bodies.get(0));
        first.gate = new Semaphore(0);
        BackgroundCopyGroup group = groupWith(IntStream.range(0, 60).mapToObj(i -> "/f" + i).toArray(String[]::new));

        group.resume();

        // The next files are fetched, WIDTH at a time, and wait flushed for file 0: none is committed before it.
        await().atMost(Duration.ofSeconds(10)).until(() -> IntStream.range(1, 60)
                .allMatch(i -> origin.gets("/f" + i).size() == 1));
        assertThat(IntStream.range(1, 60).filter(i -> Files.exists(dir.resolve("f" + i)))).isEmpty();
        first.gate.release(1000);
        await().atMost(Duration.ofSeconds(20)).until(() -> group.getStatus().raw() == 0x140);
        for (int i = 0; i < 60; i++) {
            assertThat(Files.readAllBytes(dir.resolve("f" + i))).as("f" + i).isEqualTo(bodies.get(i));
            assertThat(origin.gets("/f" + i)).as("f" + i + " fetched once").hasSize(1);
        }
        assertThat(tempFiles()).isEmpty();
        assertThat(origin.mostBodiesAtOnce()).isBetween(2, WIDTH);
    }

    @Test
    void laterFilesWaitFetchedForTheFirstAndCommitInOrder() throws Exception {
        byte[] slow = TestContent.bytes(9100, 3 * CHUNK);
        TestOrigin.Resource first = origin.put("/a", slow);
        first.gate = new Semaphore(1);
        origin.put("/b", TestContent.bytes(9101, 100));
        origin.put("/c", TestContent.bytes(9102, 200));
        BackgroundCopyGroup group = groupWith("/a", "/b", "/c");
        BackgroundCopyJob job = onlyJob(group);

        group.resume();

        // b and c are fetched whole while a holds its first chunk: they count as bytes held, not committed.
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == CHUNK + 300);
        assertThat(dir.resolve("b")).doesNotExist();
        assertThat(dir.resolve("c")).doesNotExist();
        assertThat(job.getFileInfo(1).completed).isFalse();
        assertThat(job.getFileInfo(2).completed).isFalse();

        first.gate.release(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("a"))).isEqualTo(slow);
        assertThat(origin.gets("/b")).hasSize(1);
    }

    @Test
    void aFailedFileFailsTheGroupThereWithEveryEarlierFileCommitted() throws Exception {
        origin.put("/a", TestContent.bytes(9200, 2 * CHUNK));
        TestOrigin.Resource gated = origin.put("/b", TestContent.bytes(9201, 2 * CHUNK));
        gated.gate = new Semaphore(0);
        origin.put("/c", TestContent.bytes(9202, 100)).failAlways(404);
        byte[] after = TestContent.bytes(9203, 4 * CHUNK);
        origin.put("/d", after);
        BackgroundCopyGroup group = groupWith("/a", "/b", "/c", "/d");
        BackgroundCopyJob job = onlyJob(group);

        group.resume();
        // c failed while b still transfers: the group must not fail before b is committed.
        await().atMost(Duration.ofSeconds(10)).until(() -> !origin.gets("/c").isEmpty());
        assertThat(group.getStatus().raw() & 0x200).as("no error yet").isZero();
        gated.gate.release(100);

        await().atMost(Duration.ofSeconds(10)).until(() -> (group.getStatus().raw() & 0x200) != 0);
        assertThat(job.getFileInfo(0).completed).isTrue();
        assertThat(job.getFileInfo(1).completed).isTrue();
        assertThat(job.getFileInfo(2).completed).isFalse();
        assertThat(group.getInfo().transportResult).isEqualTo(404);
        assertThat(dir.resolve("d")).doesNotExist();

        origin.put("/c", TestContent.bytes(9202, 100));
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("d"))).isEqualTo(after);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void suspendStopsEveryFileInFlightAndResumeContinuesEachWithRange() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        List<TestOrigin.Resource> resources = new ArrayList<>();
        for (int i = 0; i < WIDTH; i++) {
            bodies.add(TestContent.bytes(9300 + i, 4 * CHUNK));
            TestOrigin.Resource r = origin.put("/f" + i, bodies.get(i));
            r.gate = new Semaphore(2);
            resources.add(r);
        }
        BackgroundCopyGroup group = groupWith("/f0", "/f1", "/f2", "/f3");
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == (long) WIDTH * 2 * CHUNK);

        group.suspend();
        long held = group.getProgress(ProgressType.SIZE_DONE);
        resources.forEach(r -> r.gate.release(100));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == held);
        assertThat(tempFiles()).hasSize(WIDTH);

        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        for (int i = 0; i < WIDTH; i++) {
            assertThat(Files.readAllBytes(dir.resolve("f" + i))).isEqualTo(bodies.get(i));
            List<TestOrigin.Logged> gets = origin.gets("/f" + i);
            assertThat(gets).hasSize(2);
            assertThat(gets.get(1).range()).as("f" + i + " resumed").isEqualTo("bytes=" + 2 * CHUNK + "-");
        }
    }

    @Test
    void cancelLeavesNoTempFileOfAnyFileInFlight() throws Exception {
        for (int i = 0; i < WIDTH; i++) {
            origin.put("/f" + i, TestContent.bytes(9400 + i, 4 * CHUNK)).gate = new Semaphore(1);
        }
        BackgroundCopyGroup group = groupWith("/f0", "/f1", "/f2", "/f3");
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == (long) WIDTH * CHUNK);
        assertThat(tempFiles()).hasSize(WIDTH);

        group.cancel();

        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void aTempFileLeftByACrashBeforeTheFirstCheckpointIsReusedFromZero() throws Exception {
        byte[] body = TestContent.bytes(9500, 3 * CHUNK);
        origin.put("/f", body);
        BackgroundCopyGroup group = groupWith("/f");
        BackgroundCopyJob job = onlyJob(group);
        // What a crash leaves: bytes under the file's derived temp name, and no checkpoint naming them.
        Path leftover = TempFiles.of(FileRecord.pending(job.getJobId(), 0, origin.url("/f"),
                dir.resolve("f").toString(), 0, null));
        Files.write(leftover, TestContent.bytes(9501, 5 * CHUNK));

        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(body);
        assertThat(origin.gets("/f")).singleElement().satisfies(g -> assertThat(g.range()).isNull());
        assertThat(leftover).doesNotExist();
    }
}
