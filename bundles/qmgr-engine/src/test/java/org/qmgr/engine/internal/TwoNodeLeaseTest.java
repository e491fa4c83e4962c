package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.ProgressType;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStore;

/**
 * Two engines (nodes {@code node-a} and {@code node-b}) share one H2 database, as several nodes will share one
 * store: a group transfers on one node at a time, under a lease claimed with the start and kept by byte
 * progress; a node that stalls past the lease's TTL loses the group to the other, and once its lease moved it
 * commits nothing: no checkpoint, no rename over the local file, no completion.
 */
class TwoNodeLeaseTest {

    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String WARN_LOGGER = "org.qmgr.engine.internal.GroupLeases";

    @TempDir
    Path dir;
    private TestOrigin origin;
    private H2Database db;
    private RecordingStore storeA;
    private RecordingStore storeB;
    private EngineFixture a;
    private EngineFixture b;

    @BeforeEach
    void startOriginAndDatabase() throws Exception {
        origin = new TestOrigin();
        db = new H2Database(dir, "queue");
        storeA = new RecordingStore(db.store());
        storeB = new RecordingStore(db.store());
    }

    @AfterEach
    void stopAll() throws Exception {
        for (EngineFixture f : new EngineFixture[] {a, b}) {
            if (f != null) {
                f.close();
            }
        }
        origin.close();
        db.close();
    }

    private static EngineFixture.SettingsBuilder node(String nodeId, int leaseTtlSeconds) {
        return EngineFixture.settings().with("nodeId", nodeId).with("leaseTtlSeconds", leaseTtlSeconds);
    }

    /** A group created on node A with one file, and node B started after it, so both cache the group. */
    private UUID groupOnBothNodes(String path, EngineSettings settingsA, EngineSettings settingsB) {
        a = new EngineFixture(settingsA, storeA);
        BackgroundCopyGroup group = a.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), local(path).toString());
        b = new EngineFixture(settingsB, storeB);
        assertThat(b.client().getGroup(group.getGroupId()).getInfo().state).isEqualTo("SUSPENDED");
        return group.getGroupId();
    }

    private Path local(String path) {
        return dir.resolve(path.substring(1));
    }

    @Test
    void aSecondNodeWaitsOutALiveLeaseThenTakesAStalledGroupOverAndTheFirstCommitsNothingMore() throws Exception {
        byte[] body = TestContent.bytes(401, 32 * TestOrigin.CHUNK);
        TestOrigin.Resource resource = origin.put("/big.bin", body);
        TestOrigin.Fault stall = resource.stallAt(12L * TestOrigin.CHUNK);
        // A needs at least 6 s for 12 chunks (its background cap), renewing its 2 s lease as it goes.
        UUID id = groupOnBothNodes("/big.bin",
                node("node-a", 2).with("backgroundMaxBytesPerSecond", 2L * TestOrigin.CHUNK).build(),
                node("node-b", 2).build());
        BackgroundCopyGroup onA = a.client().getGroup(id);
        BackgroundCopyGroup onB = b.client().getGroup(id);

        onA.resume();
        await().atMost(SOON).until(() -> onA.getProgress(ProgressType.SIZE_DONE) >= 2L * TestOrigin.CHUNK);
        onB.resume();
        // B asks twice, a retry delay (half the TTL) apart, while A moves bytes: refused both times.
        await().atMost(SOON).until(() -> storeB.claimsRefused() >= 2);
        assertThat(onA.getProgress(ProgressType.SIZE_DONE)).as("A was still moving bytes")
                .isLessThan(12L * TestOrigin.CHUNK);
        assertThat(onB.getInfo().state).isEqualTo("QUEUED");
        assertThat(onA.getInfo().state).isEqualTo("TRANSFERRING");
        assertThat(origin.gets("/big.bin")).as("no GET from B").hasSize(1);
        assertThat(storeA.committed("renew")).as("A renews by progress").isNotEmpty();
        Lease held = storeA.leasesHeld().get(0);

        try (LogCapture log = new LogCapture()) {
            // A stalls past its TTL: B claims the group with a higher epoch and completes it.
            await().atMost(SOON).until(() -> onA.getProgress(ProgressType.SIZE_DONE) == 12L * TestOrigin.CHUNK);
            await().atMost(SOON).until(() -> onB.getStatus().raw() == 0x140);
            Lease takeover = storeB.leasesHeld().get(0);
            assertThat(takeover.nodeId()).isEqualTo("node-b");
            assertThat(takeover.epoch()).isGreaterThan(held.epoch());
            assertThat(Files.readAllBytes(local("/big.bin"))).isEqualTo(body);
            Object fileKey = Files.readAttributes(local("/big.bin"), BasicFileAttributes.class).fileKey();
            assertThat(storeB.completedFiles()).singleElement()
                    .satisfies(f -> assertThat(f.sha256()).isEqualTo(TestContent.sha256(body)));

            // A's stalled response goes on: its renewal is refused, so it writes and records nothing more.
            stall.release();
            await().atMost(SOON).until(() -> !warnings(log, id).isEmpty());
            assertThat(warnings(log, id)).singleElement().satisfies(line -> assertThat(line)
                    .contains("node node-a lost its lease on group " + id + " (epoch " + held.epoch() + ")"));
            assertThat(storeA.leaseLost()).extracting(RecordingStore.Call::method).containsExactly("renew");
            await().atMost(SOON).until(() -> onA.getStatus().raw() == 0x140);
            assertThat(storeA.completedFiles()).as("A completed no file").isEmpty();
            assertThat(storeA.groupsWritten()).as("A never stored the group complete")
                    .noneMatch(g -> g.state() == GroupState.COMPLETE);
            assertThat(Files.readAllBytes(local("/big.bin"))).isEqualTo(body);
            assertThat(Files.readAttributes(local("/big.bin"), BasicFileAttributes.class).fileKey())
                    .as("the local file was not replaced").isEqualTo(fileKey);
            assertThat(storedFile(id)).satisfies(f -> {
                assertThat(f.completed()).isTrue();
                assertThat(f.sha256()).isEqualTo(TestContent.sha256(body));
            });
            assertThat(tempFiles()).isEmpty();
        }
        List<TestOrigin.Logged> gets = origin.gets("/big.bin");
        assertThat(gets).as("A's one GET, then B's, resuming A's checkpoint").hasSize(2);
        assertThat(gets.get(1).range()).matches("bytes=[1-9][0-9]*-");
    }

    @Test
    void aNodeWhoseLeaseMovedBeforeItsCommitNeitherRenamesNorRecordsTheFile() throws Exception {
        byte[] body = TestContent.bytes(402, 4 * TestOrigin.CHUNK);
        TestOrigin.Fault stall = origin.put("/small.bin", body).stallAt(3L * TestOrigin.CHUNK);
        // No checkpoint and no renewal due before the commit: the commit is A's first write after the takeover.
        EngineSettings quiet = node("node-a", 60).with("checkpointBytes", 64L * 1024 * 1024)
                .with("checkpointIntervalMillis", 600_000L).build();
        UUID id = groupOnBothNodes("/small.bin", quiet, node("node-b", 60).build());
        BackgroundCopyGroup onA = a.client().getGroup(id);
        onA.resume();
        await().atMost(SOON).until(() -> onA.getProgress(ProgressType.SIZE_DONE) == 3L * TestOrigin.CHUNK);
        Lease held = storeA.leasesHeld().get(0);

        // As another node sees it, A's lease is over (A's clock lags, or A was paused), and B takes it over.
        QueueStore other = db.store();
        other.write(tx -> tx.claim(id, "node-a", Duration.ZERO));
        Lease takeover = other.write(tx -> tx.claim(id, "node-b", Duration.ofMinutes(10))).orElseThrow();
        assertThat(takeover.epoch()).isGreaterThan(held.epoch());

        try (LogCapture log = new LogCapture()) {
            stall.release();
            await().atMost(SOON).until(() -> !warnings(log, id).isEmpty());
        }
        assertThat(storeA.leaseLost()).extracting(RecordingStore.Call::method).containsExactly("verify");
        assertThat(local("/small.bin")).as("no rename after the refused commit").doesNotExist();
        assertThat(storeA.completedFiles()).isEmpty();
        assertThat(storedFile(id).completed()).isFalse();
        assertThat(onA.getInfo().state).isEqualTo("QUEUED");
        assertThat(tempFiles()).as("the bytes are left for the new holder").singleElement()
                .satisfies(temp -> assertThat(Files.readAllBytes(temp)).isEqualTo(body));
        assertThat(origin.gets("/small.bin")).hasSize(1);
    }

    private static List<String> warnings(LogCapture log, UUID group) {
        return log.lines("WARN", WARN_LOGGER).stream().filter(l -> l.contains(group.toString())).toList();
    }

    private FileRecord storedFile(UUID group) {
        return db.store().read(tx -> tx.files(tx.jobs(group).get(0).jobId()).get(0));
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("BIT.*\\.tmp")).toList();
        }
    }
}
