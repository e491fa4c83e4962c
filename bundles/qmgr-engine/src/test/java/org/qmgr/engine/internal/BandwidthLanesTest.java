package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;

/**
 * Which caps a group pays into and at what rate, on a hand-moved clock. A lane's read size is an eighth of its
 * rate (given an unbounded buffer), so it shows the rate in force without moving bytes.
 */
class BandwidthLanesTest {

    private static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final long MIB = 1024 * 1024;

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));
    private final AtomicReference<BandwidthSettings> settings = new AtomicReference<>(
            new BandwidthSettings(8 * MIB, 4 * MIB, 2 * MIB, 0, 0, 64 * 1024));
    private final Bandwidth bandwidth = new Bandwidth(now::get, settings::get);

    private static GroupEntry running(boolean foreground, BackgroundPriority priority, GroupState state) {
        GroupEntry g = new GroupEntry(GroupRecord.create(UUID.randomUUID(), "bob", 1, 0).toBuilder()
                .foreground(foreground).backgroundPriority(priority.name()).state(state).build());
        g.worker = new GroupWorker(g, null, null, null);
        return g;
    }

    private static GroupRecord background(BackgroundPriority priority) {
        return GroupRecord.create(UUID.randomUUID(), "bob", 1, 0).toBuilder().backgroundPriority(priority.name())
                .build();
    }

    private long rateOf(GroupRecord group) {
        return bandwidth.laneOf(group).readSize(UNBOUNDED) * 8L;
    }

    @Test
    void aBackgroundGroupGetsTheLowerOfTheGlobalCapAndItsPrioritysCap() {
        assertThat(rateOf(background(BackgroundPriority.HIGH))).isEqualTo(4 * MIB);
        assertThat(rateOf(background(BackgroundPriority.NORMAL))).isEqualTo(2 * MIB);
        assertThat(rateOf(background(BackgroundPriority.LOW))).isEqualTo(8 * MIB);

        settings.set(new BandwidthSettings(0, 4 * MIB, 2 * MIB, MIB, 0, 64 * 1024));
        assertThat(rateOf(background(BackgroundPriority.LOW))).isEqualTo(MIB);
        settings.set(new BandwidthSettings(0, 0, 0, 0, 0, 64 * 1024));
        assertThat(bandwidth.laneOf(background(BackgroundPriority.NORMAL)).readSize(UNBOUNDED)).isEqualTo(UNBOUNDED);
    }

    @Test
    void foregroundIsUncappedUnlessConfiguredAndNeverPaysIntoBackgroundCaps() {
        GroupRecord foreground = background(BackgroundPriority.NORMAL).toBuilder().foreground(true).build();
        assertThat(bandwidth.laneOf(foreground).readSize(UNBOUNDED)).isEqualTo(UNBOUNDED);

        settings.set(new BandwidthSettings(8 * MIB, 4 * MIB, 2 * MIB, 0, 16 * MIB, 64 * 1024));
        assertThat(rateOf(foreground)).isEqualTo(16 * MIB);
    }

    @Test
    void backgroundStepsAsideOnlyWhileAForegroundGroupIsTransferring() {
        GroupEntry bg = running(false, BackgroundPriority.HIGH, GroupState.TRANSFERRING);
        GroupEntry fg = running(true, BackgroundPriority.NORMAL, GroupState.TRANSFERRING);

        bandwidth.refresh(List.of(bg, fg));
        assertThat(bandwidth.steppingAside()).isTrue();
        assertThat(bg.throttle.readSize(UNBOUNDED) * 8L).isEqualTo(64 * 1024);
        assertThat(fg.throttle.readSize(UNBOUNDED)).isEqualTo(UNBOUNDED);

        fg.record(fg.record().toBuilder().state(GroupState.SUSPENDED).build());
        bandwidth.refresh(List.of(bg, fg));
        assertThat(bandwidth.steppingAside()).isFalse();
        assertThat(bg.throttle.readSize(UNBOUNDED) * 8L).isEqualTo(4 * MIB);

        fg.record(fg.record().toBuilder().state(GroupState.TRANSFERRING).build());
        bandwidth.refresh(List.of(bg, fg));
        fg.worker = null;
        bandwidth.refresh(List.of(bg, fg));
        assertThat(bandwidth.steppingAside()).isFalse();
    }

    @Test
    void steppingAsideNeverRaisesACapAndZeroTurnsItOff() {
        GroupEntry bg = running(false, BackgroundPriority.LOW, GroupState.TRANSFERRING);
        GroupEntry fg = running(true, BackgroundPriority.NORMAL, GroupState.TRANSFERRING);
        bandwidth.refresh(List.of(bg, fg));

        settings.set(new BandwidthSettings(0, 0, 0, 0, 0, 64 * 1024));
        assertThat(bg.throttle.readSize(UNBOUNDED) * 8L).isEqualTo(64 * 1024);
        settings.set(new BandwidthSettings(32 * 1024 * 8, 0, 0, 0, 0, 64 * MIB));
        assertThat(bg.throttle.readSize(UNBOUNDED) * 8L).isEqualTo(32 * 1024 * 8);
        settings.set(new BandwidthSettings(8 * MIB, 0, 0, 0, 0, 0));
        assertThat(bg.throttle.readSize(UNBOUNDED) * 8L).isEqualTo(8 * MIB);
    }

    @Test
    void aGroupFollowsItsPriorityAndForegroundFlagAtTheNextRefresh() {
        GroupEntry g = running(false, BackgroundPriority.NORMAL, GroupState.TRANSFERRING);
        bandwidth.refresh(List.of(g));
        assertThat(g.throttle.readSize(UNBOUNDED) * 8L).isEqualTo(2 * MIB);

        g.record(g.record().toBuilder().backgroundPriority(BackgroundPriority.HIGH.name()).build());
        bandwidth.refresh(List.of(g));
        assertThat(g.throttle.readSize(UNBOUNDED) * 8L).isEqualTo(4 * MIB);

        g.record(g.record().toBuilder().foreground(true).build());
        bandwidth.refresh(List.of(g));
        assertThat(g.throttle.readSize(UNBOUNDED)).isEqualTo(UNBOUNDED);
    }
}
