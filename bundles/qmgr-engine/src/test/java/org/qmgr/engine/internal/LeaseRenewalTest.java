package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.ProgressType;
import org.qmgr.spi.store.Lease;
import org.qmgr.store.memory.internal.MemoryQueueStore;

/**
 * One engine on the memory store, with another node played by the test through the store SPI: a healthy
 * transfer keeps its lease by byte progress alone, so the lease's expiry moves forward with the bytes and no
 * other node can claim the group meanwhile; the lease is given back when the transfer stops.
 */
class LeaseRenewalTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TestOrigin origin;
    private final MemoryQueueStore memory = new MemoryQueueStore();
    private final RecordingStore store = new RecordingStore(memory);
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

    private BackgroundCopyGroup group(String path) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), dir.resolve(path.substring(1)).toString());
        return group;
    }

    private Optional<Lease> claimAsAnotherNode(UUID group) {
        return memory.write(tx -> tx.claim(group, "node-x", Duration.ofMinutes(10)));
    }

    @Test
    void aHealthyLongTransferKeepsItsLeaseByProgressAlone() throws Exception {
        byte[] body = TestContent.bytes(501, 27 * TestOrigin.CHUNK);
        origin.put("/long.bin", body);
        origin.put("/warm-up.bin", TestContent.bytes(503, TestOrigin.CHUNK));
        // About 9 s at the cap, three times the 3 s TTL; no checkpoint falls due on its own meanwhile. The lease
        // is renewed when half its TTL is left, checked at each read (every 1/8 s at the cap): 1.5 s is what a
        // transfer thread may lose to a loaded machine between two reads before its lease lapses. With a 2 s TTL
        // that was 1 s, and a thread sharing one core with three busy processes went 0.76 s without a read.
        fixture = new EngineFixture(EngineFixture.settings().with("leaseTtlSeconds", 3)
                .with("backgroundMaxBytesPerSecond", 3L * TestOrigin.CHUNK)
                .with("checkpointBytes", 64L * 1024 * 1024).with("checkpointIntervalMillis", 600_000L).build(), store);
        // A claimed lease is first renewed once the response headers are in, before the first byte is written:
        // until then no byte flows to keep it. In a fresh JVM the first exchange (the HTTP client and server
        // warming up, class loading, JIT) took up to 2.9 s on a loaded machine, past the claim's TTL, which lapsed
        // before the transfer had any progress to show. A short transfer first warms that path, so the TTL
        // measured below is the one a transfer keeps by its bytes.
        BackgroundCopyGroup warmUp = group("/warm-up.bin");
        warmUp.resume();
        await().atMost(SOON).until(() -> warmUp.getStatus().raw() == 0x140);

        BackgroundCopyGroup group = group("/long.bin");
        UUID id = group.getGroupId();
        group.resume();

        await().atMost(SOON).until(() -> group.getProgress(ProgressType.SIZE_DONE) >= 15L * TestOrigin.CHUNK);
        assertThat(claimAsAnotherNode(id)).as("the lease is live past its first TTL").isEmpty();
        await().atMost(SOON).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("long.bin"))).isEqualTo(body);

        List<Lease> leases = store.leasesHeld().stream().filter(l -> l.groupId().equals(id)).toList();
        List<RecordingStore.Call> renewals = store.committed("renew").stream()
                .filter(c -> ((Lease) c.argument()).groupId().equals(id)).toList();
        assertThat(renewals).hasSizeGreaterThanOrEqualTo(5);
        assertThat(leases).hasSize(renewals.size() + 1);
        for (int i = 1; i < leases.size(); i++) {
            assertThat(leases.get(i).epoch()).isEqualTo(leases.get(0).epoch());
            assertThat(leases.get(i).expiresAtMillis()).isGreaterThanOrEqualTo(leases.get(i - 1).expiresAtMillis());
            assertThat(renewals.get(i - 1).atMillis()).as("renewed before it lapsed")
                    .isLessThan(leases.get(i - 1).expiresAtMillis());
        }
        assertThat(leases.get(leases.size() - 1).expiresAtMillis()).as("moved forward with the bytes")
                .isGreaterThanOrEqualTo(leases.get(0).expiresAtMillis() + 4_500);
        assertThat(claimAsAnotherNode(id)).as("given back when complete").isPresent();
    }

    @Test
    void theLeaseIsGivenBackWhenTheTransferIsSuspendedAndWhenTheEngineStops() throws Exception {
        TestOrigin.Resource resource = origin.put("/gated.bin", TestContent.bytes(502, 16 * TestOrigin.CHUNK));
        resource.gate = new Semaphore(2);
        fixture = new EngineFixture(EngineFixture.settings().build(), store);
        BackgroundCopyGroup group = group("/gated.bin");
        UUID id = group.getGroupId();
        group.resume();
        await().atMost(SOON).until(() -> group.getProgress(ProgressType.SIZE_DONE) >= TestOrigin.CHUNK);
        assertThat(claimAsAnotherNode(id)).isEmpty();

        group.suspend();
        Lease other = await().atMost(SOON).until(() -> claimAsAnotherNode(id), Optional::isPresent).orElseThrow();
        memory.write(tx -> {
            tx.release(other);
            return null;
        });

        group.resume();
        await().atMost(SOON).until(() -> store.leasesHeld().stream().anyMatch(l -> l.epoch() > other.epoch()));
        assertThat(claimAsAnotherNode(id)).isEmpty();
        fixture.close();
        fixture = null;
        assertThat(claimAsAnotherNode(id)).as("given back when the engine stopped").isPresent();
    }
}
