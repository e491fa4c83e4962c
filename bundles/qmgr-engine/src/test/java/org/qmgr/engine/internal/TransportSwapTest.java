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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.ProgressType;

/**
 * Transports swapped by ranking while a transfer runs (issue 5): a better-ranked transport for the scheme takes
 * the transfer over, and an unbound one hands it on, each time with a {@code Range} request from the checkpoint
 * and a byte-identical file at the end; a lower-ranked arrival changes nothing. Every transport is a real Jetty
 * client of its own; the origin holds its body back with a gate, so the swap happens mid-body.
 */
class TransportSwapTest extends EngineTestSupport {

    private static final int SIZE = 8 * 1024 * 1024;
    /** The chunks the origin sends before the test swaps: the offset the new transport must resume at. */
    private static final long HELD = 2L * TestOrigin.CHUNK;

    private final List<RecordingTransport> transports = new ArrayList<>();
    private byte[] body;
    private TestOrigin.Resource resource;
    private Path target;

    @BeforeEach
    void engineWithoutTransports() {
        fixture.close();
        fixture = EngineFixture.withoutTransport(EngineFixture.settings().build());
        body = TestContent.bytes(5150, SIZE);
        resource = origin.put("/big", body);
        resource.gate = new Semaphore((int) (HELD / TestOrigin.CHUNK));
        target = dir.resolve("big.bin");
    }

    @AfterEach
    void closeTransports() {
        fixture.close();
        transports.forEach(RecordingTransport::close);
    }

    @Test
    void aHigherRankedTransportTakesOverARunningTransferWithRange() throws Exception {
        RecordingTransport a = bind(0, 1);
        BackgroundCopyGroup group = startAndHold();

        RecordingTransport b = bind(10, 2);
        resource.gate.release(1000);

        awaitIdenticalFile(group);
        assertThat(a.opens()).containsExactly(0L);
        assertThat(a.aborts()).as("the in-flight read on A was aborted").isPositive();
        assertThat(b.opens()).as("B resumes at the checkpoint").containsExactly(HELD);
        assertThat(origin.gets("/big")).extracting(TestOrigin.Logged::range)
                .containsExactly(null, "bytes=" + HELD + "-");
    }

    @Test
    void unbindingTheTransportInUseContinuesOnTheNextBestWithRange() throws Exception {
        RecordingTransport low = bind(0, 1);
        RecordingTransport high = bind(10, 2);
        BackgroundCopyGroup group = startAndHold();

        fixture.engine.removeTransport(high);
        int callsAtUnbind = high.calls();
        assertThat(high.inProgress()).as("no call is left inside the unbound transport").isZero();
        high.close(); // as SCR deactivates it once unbound
        resource.gate.release(1000);

        awaitIdenticalFile(group);
        assertThat(high.opens()).containsExactly(0L);
        assertThat(high.calls()).as("the unbound transport is never called again").isEqualTo(callsAtUnbind);
        assertThat(low.opens()).containsExactly(HELD);
        assertThat(origin.gets("/big")).extracting(TestOrigin.Logged::range)
                .containsExactly(null, "bytes=" + HELD + "-");
    }

    @Test
    void aLowerRankedArrivalDoesNotDisturbTheTransfer() throws Exception {
        RecordingTransport a = bind(10, 1);
        BackgroundCopyGroup group = startAndHold();

        RecordingTransport c = bind(0, 2);
        resource.gate.release(1000);

        awaitIdenticalFile(group);
        assertThat(c.calls()).isZero();
        assertThat(a.aborts()).isZero();
        assertThat(a.opens()).containsExactly(0L);
        assertThat(origin.gets("/big")).hasSize(1);
    }

    @Test
    void aTransferWhoseOnlyTransportGoesWaitsQueuedAndResumesOnTheNextArrival() throws Exception {
        RecordingTransport a = bind(0, 1);
        BackgroundCopyGroup group = startAndHold();

        fixture.engine.removeTransport(a);
        a.close();
        // the scheduler re-checks every second; a start without a transport would turn the group RETRY_WAIT
        await("QUEUED while no transport serves http").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> group.getInfo().state.equals("QUEUED"));
        RecordingTransport b = bind(0, 2);
        resource.gate.release(1000);

        awaitIdenticalFile(group);
        assertThat(b.opens()).containsExactly(HELD);
    }

    @Test
    void aTransportRankedAboveTheOneInUseTakesOver() throws Exception {
        RecordingTransport a = bind(5, 1);
        RecordingTransport b = bind(0, 2);
        BackgroundCopyGroup group = startAndHold();

        fixture.engine.updatedTransport(b, RecordingTransport.http(10, 2));
        resource.gate.release(1000);

        awaitIdenticalFile(group);
        assertThat(a.opens()).containsExactly(0L);
        assertThat(b.opens()).containsExactly(HELD);
    }

    private RecordingTransport bind(int ranking, long serviceId) {
        RecordingTransport t = new RecordingTransport();
        transports.add(t);
        fixture.engine.addTransport(t, RecordingTransport.http(ranking, serviceId));
        return t;
    }

    /** Starts the download and waits until the origin's gate holds it at {@link #HELD} bytes. */
    private BackgroundCopyGroup startAndHold() {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/big"), target.toString());
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == HELD);
        return group;
    }

    private void awaitIdenticalFile(BackgroundCopyGroup group) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> group.getStatus().isComplete());
        assertThat(TestContent.sha256(Files.readAllBytes(target))).isEqualTo(TestContent.sha256(body));
    }
}
