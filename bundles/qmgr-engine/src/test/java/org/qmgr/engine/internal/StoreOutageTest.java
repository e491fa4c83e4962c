package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.HResults;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.store.QueueStore;

/**
 * The queue's database goes away (server down, file corrupt) and comes back, under a real engine on the
 * real JDBC store: calls answer QM_E_SERVICE_UNAVAILABLE at once, the outage is logged once, nothing is
 * deleted, and the engine carries on by itself when the database is back, resuming transfers with Range.
 */
class StoreOutageTest extends EngineTestSupport {

    /** A sanity bound, not a benchmark: far below the 30 s an API call once waited for a failed load. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    /** Covers the store retries' back-off (1 s, 2 s, 4 s, …) a few times over. */
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private H2Database db;

    @AfterEach
    void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /** Replaces the engine with one on the given store. */
    private void useStore(QueueStore store) {
        useStore(store, EngineFixture.settings().build());
    }

    private void useStore(QueueStore store, EngineSettings settings) {
        fixture.close();
        fixture = new EngineFixture(settings, store);
    }

    private BackgroundCopyGroup groupWithFile(String path) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), dir.resolve(path.substring(1)).toString());
        return group;
    }

    @Test
    void anEngineStartedWhileTheDatabaseIsDownAnswersUnavailableAtOnceAndLoadsTheQueueWhenItIsBack()
            throws Exception {
        db = new H2Database(dir, "queue");
        useStore(db.store());
        UUID stored = fixture.client().createGroup(UUID.randomUUID()).getGroupId();
        db.stop();

        fixture.restart();
        BackgroundCopyQMgr client = fixture.client();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            assertUnavailable(() -> client.getGroup(stored), "unreachable");
            assertUnavailable(() -> client.createGroup(UUID.randomUUID()), "unreachable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        }

        db.start();
        await().atMost(RECOVERY).ignoreException(QmgrServiceUnavailableException.class)
                .until(() -> client.getGroup(stored) != null);
        assertThat(client.enumGroups().stream()).containsExactly(stored);
        client.createGroup(UUID.randomUUID());
        assertThat(client.enumGroups().getCount()).isEqualTo(2);
    }

    @Test
    void aGroupMidDownloadWaitsOutAnOutageWithItsTempFileAndResumesWithRange() throws Exception {
        db = new H2Database(dir, "queue");
        useStore(db.store());
        byte[] body = TestContent.bytes(301, 32 * TestOrigin.CHUNK);
        Semaphore gate = new Semaphore(8);
        TestOrigin.Resource resource = origin.put("/big.bin", body);
        resource.gate = gate;
        BackgroundCopyGroup group = groupWithFile("/big.bin");
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == 8L * TestOrigin.CHUNK);
        Path temp = singleTempFile();

        db.stop();
        assertUnavailable(() -> group.setBackgroundPriority(BackgroundPriority.HIGH), "unreachable");
        assertThat(group.getBackgroundPriority()).as("the cache is unchanged").isEqualTo(BackgroundPriority.NORMAL);
        // The transfer goes on until its next checkpoint, which cannot be stored: it stops and waits.
        gate.release(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> "QUEUED".equals(group.getInfo().state));
        assertThat(group.getInfo().errorDescription).isNull();
        assertThat(group.getInfo().win32Result).isZero();
        assertThat(db.file()).exists();
        assertThat(temp).exists();
        assertThat(Files.size(temp)).isGreaterThanOrEqualTo(8L * TestOrigin.CHUNK);

        db.start();
        gate.release(1000);
        await().atMost(RECOVERY).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("big.bin"))).isEqualTo(body);
        assertThat(temp).doesNotExist();
        List<TestOrigin.Logged> gets = origin.gets("/big.bin");
        assertThat(gets.get(0).range()).isNull();
        assertThat(gets.get(gets.size() - 1).range()).matches("bytes=[1-9][0-9]*-");
        assertThat(gets.get(gets.size() - 1).ifRange()).isEqualTo(resource.etag);
    }

    /**
     * A file finished while the store is down is not committed then (the rename waits for the lease check in the
     * commit transaction), but the engine keeps its bytes and commits it once the store is back: no second download.
     */
    @Test
    void aFileFinishedDuringAnOutageIsCommittedWhenTheStoreIsBackWithoutASecondDownload() throws Exception {
        db = new H2Database(dir, "queue");
        // No checkpoint between the response headers and the commit: the commit is the write that fails.
        useStore(db.store(), EngineFixture.settings().with("checkpointBytes", 64L * 1024 * 1024)
                .with("checkpointIntervalMillis", 600_000L).build());
        byte[] body = TestContent.bytes(302, 4 * TestOrigin.CHUNK);
        Semaphore gate = new Semaphore(1);
        origin.put("/small.bin", body).gate = gate;
        BackgroundCopyGroup group = groupWithFile("/small.bin");
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == TestOrigin.CHUNK);

        db.stop();
        assertUnavailable(() -> group.setDisplayName("down"), "unreachable");
        gate.release(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> "QUEUED".equals(group.getInfo().state));
        assertThat(dir.resolve("small.bin")).as("no lease check, no rename").doesNotExist();
        assertThat(Files.readAllBytes(singleTempFile())).isEqualTo(body);

        db.start();
        await().atMost(RECOVERY).until(() -> group.getStatus().raw() == 0x140);
        fixture.restart();
        BackgroundCopyGroup reloaded = fixture.client().getGroup(group.getGroupId());
        assertThat(reloaded.getStatus().raw()).as("stored complete").isEqualTo(0x140);
        assertThat(origin.gets("/small.bin")).hasSize(1);
        assertThat(Files.readAllBytes(dir.resolve("small.bin"))).isEqualTo(body);
    }

    @Test
    void aCorruptDatabaseIsUnavailableUntouchedAndRecoversWhenAGoodFileIsRestored() throws Exception {
        Path file = dir.resolve("queue.mv.db");
        useStore(H2Database.embeddedStore(dir, "queue"));
        UUID stored = fixture.client().createGroup(UUID.randomUUID()).getGroupId();
        fixture.close();
        byte[] good = Files.readAllBytes(file);
        byte[] corrupt = good.clone();
        // Both copies of the MVStore header (the file's first two 4 KiB blocks) become garbage.
        for (int i = 0; i < 8192; i++) {
            corrupt[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, corrupt);

        fixture = new EngineFixture(EngineFixture.settings().build(), H2Database.embeddedStore(dir, "queue"));
        BackgroundCopyQMgr client = fixture.client();
        for (int i = 0; i < 3; i++) {
            assertUnavailable(() -> client.getGroup(stored), "corrupt");
            assertUnavailable(() -> client.createGroup(UUID.randomUUID()), "corrupt");
        }
        assertThat(Files.readAllBytes(file)).as("the corrupt file is left as it was").isEqualTo(corrupt);

        Files.write(file, good);
        await().atMost(RECOVERY).ignoreException(QmgrServiceUnavailableException.class)
                .until(() -> client.getGroup(stored) != null);
        assertThat(client.enumGroups().stream()).containsExactly(stored);
    }

    /** Retried like an outage, not given up on: a DBA may restore or upgrade the database without a restart. */
    @Test
    void aDatabaseOfANewerSchemaIsUnavailableUntilItIsFixed() throws Exception {
        useStore(H2Database.embeddedStore(dir, "queue"));
        UUID stored = fixture.client().createGroup(UUID.randomUUID()).getGroupId();
        fixture.close();
        H2Database.execute(dir, "queue", "INSERT INTO qmgr_schema_version VALUES (999, 'from the future', 0)");

        fixture = new EngineFixture(EngineFixture.settings().build(), H2Database.embeddedStore(dir, "queue"));
        BackgroundCopyQMgr client = fixture.client();
        assertUnavailable(() -> client.getGroup(stored), "schema has version 999");
        assertUnavailable(() -> client.createGroup(UUID.randomUUID()), "SCHEMA_TOO_NEW");

        H2Database.execute(dir, "queue", "DELETE FROM qmgr_schema_version WHERE version = 999");
        await().atMost(RECOVERY).ignoreException(QmgrServiceUnavailableException.class)
                .until(() -> client.getGroup(stored) != null);
        assertThat(client.enumGroups().stream()).containsExactly(stored);
    }

    @Test
    void eachOutageLogsOneErrorLineAndItsEndOneInfoLine() throws Exception {
        db = new H2Database(dir, "queue");
        useStore(db.store());
        BackgroundCopyQMgr client = fixture.client();
        BackgroundCopyGroup group = client.createGroup(UUID.randomUUID());
        try (LogCapture log = new LogCapture()) {
            for (int outage = 0; outage < 2; outage++) {
                db.stop();
                for (int i = 0; i < 10; i++) {
                    assertUnavailable(() -> client.createGroup(UUID.randomUUID()), "unreachable");
                    assertUnavailable(() -> group.setDisplayName("down"), "unreachable");
                }
                db.start();
                await().atMost(RECOVERY).ignoreException(QmgrServiceUnavailableException.class)
                        .until(() -> client.createGroup(UUID.randomUUID()) != null);
            }

            List<String> errors = log.lines("ERROR", "org.qmgr");
            assertThat(errors).hasSize(2).allSatisfy(line -> assertThat(line)
                    .contains("StoreHealth - queue store JdbcQueueStore unavailable: the database is unreachable"));
            assertThat(log.lines()).as("no stack trace at INFO level")
                    .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("org.qmgr.spi.store."));
            assertThat(log.lines("INFO", "org.qmgr.engine.internal.StoreHealth")).hasSize(2)
                    .allSatisfy(line -> assertThat(line).containsPattern("available again after \\d+ s"));
        }
        assertThat(client.enumGroups().getCount()).isEqualTo(3);
    }

    private Path singleTempFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> temps = files.filter(p -> p.getFileName().toString().matches("BIT.*\\.tmp")).toList();
            assertThat(temps).hasSize(1);
            return temps.get(0);
        }
    }

    private static void assertUnavailable(ThrowingCallable call, String why) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QmgrServiceUnavailableException.class, e -> {
            assertThat(e.hresult()).isEqualTo(HResults.QM_E_SERVICE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("queue store JdbcQueueStore is unavailable").contains(why)
                    .endsWith("; retrying");
        });
    }
}
