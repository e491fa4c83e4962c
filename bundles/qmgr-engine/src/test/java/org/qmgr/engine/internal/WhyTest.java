package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.GroupWhy;
import org.qmgr.api.ProgressType;
import org.qmgr.api.WaitReason;

/** Issue 7 {@code why()} on the real engine and origin: one test per reason the scheduler can give. */
class WhyTest extends EngineTestSupport {

    private static final int CHUNK = TestOrigin.CHUNK;
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A suspended group downloading one origin path to its name in {@link #dir}. */
    private BackgroundCopyGroup group(String path) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), dir.resolve(path.substring(1)).toString());
        return group;
    }

    /** A group resumed on a gated body, transferring its first chunk and then held by the gate. */
    private BackgroundCopyGroup held(String path, Semaphore gate, boolean foreground, BackgroundPriority priority) {
        origin.put(path, TestContent.bytes(path.hashCode(), 16 * CHUNK)).gate = gate;
        BackgroundCopyGroup g = group(path);
        g.setBackgroundPriority(priority);
        if (foreground) {
            g.switchToForeground();
        }
        g.resume();
        await().atMost(WAIT).until(() -> g.getProgress(ProgressType.SIZE_DONE) == CHUNK);
        return g;
    }

    private static WaitReason code(BackgroundCopyGroup g) {
        return g.why().code();
    }

    @Test
    void aNewGroupIsSuspendedAndAFinishedOneComplete() {
        origin.put("/small", TestContent.bytes(7001, 2 * CHUNK));
        BackgroundCopyGroup g = group("/small");
        assertThat(g.why().line()).startsWith("SUSPENDED: suspended");

        g.resume();
        await().atMost(WAIT).until(() -> g.getStatus().isComplete());
        assertThat(code(g)).isEqualTo(WaitReason.COMPLETE);
    }

    @Test
    void aTransientErrorWaitsToRetryUntilTheTimersDueTimeWithItsCodes() {
        useSettings(EngineFixture.settings(Duration.ofSeconds(30), Duration.ofMinutes(5)));
        origin.put("/busy", TestContent.bytes(7002, CHUNK)).failAlways(503);
        BackgroundCopyGroup g = group("/busy");
        Instant resumed = Instant.now();
        g.resume();
        await().atMost(WAIT).until(() -> code(g) == WaitReason.RETRY_WAIT);

        GroupWhy why = g.why();
        assertThat(why.transportResult()).isEqualTo(503);
        assertThat(why.until()).isAfter(resumed.plusSeconds(25)).isBefore(Instant.now().plusSeconds(31));
        assertThat(why.sentence()).contains("waiting to retry at " + why.until().toString().substring(0, 16))
                .contains("HTTP 503");
    }

    @Test
    void aFatalErrorSaysSoWithItsCodes() {
        origin.put("/gone", TestContent.bytes(7003, CHUNK)).failAlways(404);
        BackgroundCopyGroup g = group("/gone");
        g.resume();
        await().atMost(WAIT).until(() -> code(g) == WaitReason.ERROR);
        assertThat(g.why().transportResult()).isEqualTo(404);
        assertThat(g.why().sentence()).contains("HTTP 404");
    }

    @Test
    void anUncappedTransferIsTransferring() {
        Semaphore gate = new Semaphore(1);
        BackgroundCopyGroup g = held("/run", gate, false, BackgroundPriority.NORMAL);
        assertThat(code(g)).isEqualTo(WaitReason.TRANSFERRING);
        gate.release(1000);
    }

    /** The cap of the group's lane that actually makes its transfer wait is named. */
    @ParameterizedTest
    @CsvSource({"backgroundMaxBytesPerSecond, false", "normalMaxBytesPerSecond, false",
            "foregroundMaxBytesPerSecond, true"})
    void aTransferWaitingForACapNamesThatCap(String cap, boolean foreground) {
        useSettings(EngineFixture.settings().with(cap, 128L * 1024).build());
        origin.put("/capped", TestContent.bytes(7004, 64 * CHUNK));
        BackgroundCopyGroup g = group("/capped");
        if (foreground) {
            g.switchToForeground();
        }
        g.resume();
        await().atMost(WAIT).until(() -> code(g) == WaitReason.BANDWIDTH_CAPPED);
        assertThat(g.why().cap()).isEqualTo(cap);
        assertThat(g.why().line()).isEqualTo("BANDWIDTH_CAPPED: transferring, held back by the bandwidth cap " + cap);
    }

    @Test
    void aLowerPriorityGroupWaitsBehindTheHigherOneInTheBackgroundSlot() {
        Semaphore gate = new Semaphore(1);
        BackgroundCopyGroup high = held("/high", gate, false, BackgroundPriority.HIGH);
        origin.put("/normal", TestContent.bytes(7005, CHUNK));
        BackgroundCopyGroup normal = group("/normal");
        normal.resume();

        GroupWhy why = normal.why();
        assertThat(why.code()).isEqualTo(WaitReason.QUEUED_BEHIND_PRIORITY);
        assertThat(why.blockedBy()).isEqualTo(high.getGroupId());
        gate.release(1000);
        await().atMost(WAIT).until(() -> normal.getStatus().isComplete());
    }

    @Test
    void anEqualPriorityGroupWaitsForTheRunningSliceToEnd() {
        useSettings(EngineFixture.settings().with("timeSliceSeconds", 600).build());
        Semaphore gate = new Semaphore(1);
        BackgroundCopyGroup first = held("/first", gate, false, BackgroundPriority.NORMAL);
        origin.put("/second", TestContent.bytes(7006, CHUNK));
        BackgroundCopyGroup second = group("/second");
        second.resume();

        GroupWhy why = second.why();
        assertThat(why.code()).isEqualTo(WaitReason.QUEUED_FOR_TURN);
        assertThat(why.blockedBy()).isEqualTo(first.getGroupId());
        assertThat(why.until()).isAfter(Instant.now().plusSeconds(590)).isBefore(Instant.now().plusSeconds(601));
        gate.release(1000);
    }

    @Test
    void withEverySlotTakenByForegroundWorkABackgroundGroupWaitsBehindIt() {
        useSettings(EngineFixture.settings().with("maxConcurrentTransfers", 1).build());
        Semaphore gate = new Semaphore(1);
        BackgroundCopyGroup fg = held("/fg", gate, true, BackgroundPriority.NORMAL);
        origin.put("/bg", TestContent.bytes(7007, CHUNK));
        BackgroundCopyGroup bg = group("/bg");
        bg.resume();

        assertThat(code(bg)).isEqualTo(WaitReason.QUEUED_BEHIND_FOREGROUND);
        assertThat(bg.why().blockedBy()).isEqualTo(fg.getGroupId());
        gate.release(1000);
        await().atMost(WAIT).until(() -> bg.getStatus().isComplete());
    }

    @Test
    void withEverySlotTakenAForegroundGroupWaitsForTheConcurrencyLimit() {
        useSettings(EngineFixture.settings().with("maxConcurrentTransfers", 1).build());
        Semaphore gate = new Semaphore(1);
        held("/bg", gate, false, BackgroundPriority.NORMAL);
        origin.put("/fg", TestContent.bytes(7008, CHUNK));
        BackgroundCopyGroup fg = group("/fg");
        fg.switchToForeground();
        fg.resume();

        assertThat(fg.why().line()).isEqualTo(
                "QUEUED_SLOTS_FULL: queued; 1 transfers run, the limit maxConcurrentTransfers is 1");
        gate.release(1000);
    }

    @Test
    void anOwnerAtItsTransferLimitWaitsWhileAnotherOwnersGroupStarts() {
        useSettings(EngineFixture.settings().with("maxConcurrentTransfers", 4)
                .with("maxConcurrentTransfersPerOwner", 1).build());
        Semaphore gate = new Semaphore(1);
        BackgroundCopyGroup first = held("/alice-1", gate, true, BackgroundPriority.NORMAL);
        origin.put("/alice-2", TestContent.bytes(7010, CHUNK));
        BackgroundCopyGroup second = group("/alice-2");
        second.switchToForeground();
        second.resume();
        origin.put("/bob", TestContent.bytes(7011, CHUNK));
        BackgroundCopyGroup bobs = fixture.client("bob", false).createGroup(UUID.randomUUID());
        bobs.createJob(UUID.randomUUID()).addFile(origin.url("/bob"), dir.resolve("bob").toString());
        bobs.switchToForeground();
        bobs.resume();

        await().atMost(WAIT).until(() -> bobs.getStatus().isComplete());
        assertThat(second.why().line()).isEqualTo("OWNER_LIMIT: queued; its owner bundle:test has 1 transfer(s) "
                + "running, the limit maxConcurrentTransfersPerOwner is 1");
        assertThat(second.getProgress(ProgressType.SIZE_DONE)).isZero();
        gate.release(1000);
        await().atMost(WAIT).until(() -> first.getStatus().isComplete() && second.getStatus().isComplete());
    }

    @Test
    void theManagerAnswersWhyForTheOwnerAndAnAdministratorWithoutMovingOwnershipAndRefusesOthers() {
        BackgroundCopyGroup g = group("/owned");
        UUID id = g.getGroupId();

        GroupWhy asAdmin = fixture.client("karaf", true).why(id);

        assertThat(asAdmin.code()).isEqualTo(WaitReason.SUSPENDED);
        assertThat(fixture.client().why(id)).isEqualTo(asAdmin);
        assertThat(fixture.client().getGroupInfo(id).owner).isEqualTo("bundle:test");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.client("bundle:other", false).why(id))
                .isInstanceOf(org.qmgr.api.QmgrAccessDeniedException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.client().why(null))
                .isInstanceOf(org.qmgr.api.QmgrInvalidArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.client().why(UUID.randomUUID()))
                .isInstanceOf(org.qmgr.api.QmgrItemNotFoundException.class);
    }

    /** As at a Karaf boot where the engine loads its queue before the transport bundle starts. */
    @Test
    void withoutATransportForItsSchemeAGroupWaitsForOne() {
        Semaphore gate = new Semaphore(1);
        UUID id = held("/later", gate, false, BackgroundPriority.NORMAL).getGroupId();
        fixture.engine.deactivate();
        fixture.engine = new QueueEngine(EngineFixture.settings().build(), fixture.store, MonotonicClock.SYSTEM);
        BackgroundCopyGroup again = new QMgrFacade(fixture.engine,
                new CallerContext(() -> new Caller("bundle:test", false), clsid -> false)).getGroup(id);

        assertThat(again.why().line()).isEqualTo(
                "NO_TRANSPORT: queued; no transport serves \"http:\" URLs, it waits for one to be bound");
        gate.release(1000);
    }

    @Test
    void aCancelledGroupAnswersInvalidState() {
        origin.put("/x", TestContent.bytes(7010, CHUNK));
        BackgroundCopyGroup g = group("/x");
        g.cancel();
        org.assertj.core.api.Assertions.assertThatThrownBy(g::why)
                .isInstanceOf(org.qmgr.api.QmgrInvalidStateException.class);
    }
}
