package org.qmgr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.api.ConstantsConformanceTest.assertInvalidArg;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The flag enums: mask round-trips, rejection of undefined bits, and single-value lookup (§4.1, §4.2). */
class FlagsTest {

    @Test
    void everySubsetOfTheNotifyMaskRoundTrips() {
        int subsets = 0;
        for (int mask = 0; mask <= 0xFF; mask++) {
            if ((mask & ~0xC7) != 0) {
                continue;
            }
            subsets++;
            EnumSet<NotifyFlag> flags = NotifyFlag.fromMask(mask);
            assertThat(NotifyFlag.toMask(flags)).isEqualTo(mask);
            assertThat(flags.contains(NotifyFlag.FILE_DONE)).isEqualTo((mask & 0x1) != 0);
            assertThat(flags.contains(NotifyFlag.JOB_DONE)).isEqualTo((mask & 0x2) != 0);
            assertThat(flags.contains(NotifyFlag.GROUP_DONE)).isEqualTo((mask & 0x4) != 0);
            assertThat(flags.contains(NotifyFlag.DISABLE_NOTIFY)).isEqualTo((mask & 0x40) != 0);
            assertThat(flags.contains(NotifyFlag.USE_PROGRESSEX)).isEqualTo((mask & 0x80) != 0);
        }
        assertThat(subsets).isEqualTo(32);
        assertThat(NotifyFlag.fromMask(0)).isEmpty();
        assertThat(NotifyFlag.toMask(EnumSet.allOf(NotifyFlag.class))).isEqualTo(0xC7);
    }

    @Test
    void undefinedNotifyBitsAreRejected() {
        for (int bit = 0; bit < 32; bit++) {
            int mask = 1 << bit;
            if ((mask & 0xC7) == 0) {
                int m = mask;
                assertInvalidArg(() -> NotifyFlag.fromMask(m));
                assertInvalidArg(() -> NotifyFlag.fromMask(m | 0x4));
            }
        }
        assertInvalidArg(() -> NotifyFlag.fromMask(0x08));
        assertInvalidArg(() -> NotifyFlag.fromMask(0x100));
        assertInvalidArg(() -> NotifyFlag.fromMask(-1));
        assertThatThrownBy(() -> NotifyFlag.fromMask(0x0C)).hasMessageContaining("0x00000008");
    }

    @Test
    void statusFlagMasksRoundTripAndRejectUndefinedBits() {
        for (int mask = 0; mask < 0x800; mask += 0x40) {
            assertThat(GroupStatusFlag.toMask(GroupStatusFlag.fromMask(mask))).isEqualTo(mask);
        }
        for (int mask = 0; mask < 0x40; mask += 0x4) {
            assertThat(JobStatusFlag.toMask(JobStatusFlag.fromMask(mask))).isEqualTo(mask);
        }
        for (int mask = 0; mask < 0x4; mask++) {
            assertThat(FileStatusFlag.toMask(FileStatusFlag.fromMask(mask))).isEqualTo(mask);
        }
        assertThat(GroupStatusFlag.fromMask(0x180))
                .containsExactly(GroupStatusFlag.INCOMPLETE, GroupStatusFlag.SUSPENDED);
        assertThat(JobStatusFlag.fromMask(0x18)).containsExactly(JobStatusFlag.INCOMPLETE, JobStatusFlag.ERROR);
        assertInvalidArg(() -> GroupStatusFlag.fromMask(0x180 | 0x20));
        assertInvalidArg(() -> GroupStatusFlag.fromMask(0x800));
        assertInvalidArg(() -> JobStatusFlag.fromMask(0x40));
        assertInvalidArg(() -> JobStatusFlag.fromMask(0x1));
        assertInvalidArg(() -> FileStatusFlag.fromMask(0x4));
    }

    @Test
    void toMaskRejectsNull() {
        assertInvalidArg(() -> NotifyFlag.toMask(null));
        Set<NotifyFlag> withNull = new HashSet<>();
        withNull.add(null);
        assertInvalidArg(() -> NotifyFlag.toMask(withNull));
        assertInvalidArg(() -> GroupStatusFlag.toMask(null));
    }

    @Test
    void fromValueFindsSingleFlags() {
        assertThat(NotifyFlag.fromValue(0x40)).isEqualTo(NotifyFlag.DISABLE_NOTIFY);
        assertThat(GroupStatusFlag.fromValue(0x400)).isEqualTo(GroupStatusFlag.FOREGROUND);
        assertThat(JobStatusFlag.fromValue(0x10)).isEqualTo(JobStatusFlag.ERROR);
        assertThat(FileStatusFlag.fromValue(0x2)).isEqualTo(FileStatusFlag.INCOMPLETE);
        assertInvalidArg(() -> NotifyFlag.fromValue(0x6));
        assertInvalidArg(() -> GroupStatusFlag.fromValue(0));
    }

    @Test
    void fromMaskReturnsAFreshModifiableSet() {
        EnumSet<NotifyFlag> first = NotifyFlag.fromMask(0x4);
        first.add(NotifyFlag.FILE_DONE);
        assertThat(NotifyFlag.fromMask(0x4)).containsExactly(NotifyFlag.GROUP_DONE);
    }
}
