package org.qmgr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.api.ConstantsConformanceTest.assertInvalidArg;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link GroupStatus} and {@link JobStatus}: flag derivation and {@code describe()} for the words of §1.3.2/§1.4. */
class GroupStatusTest {

    @ParameterizedTest
    @CsvSource({
        "0x180, SUSPENDED|INCOMPLETE",
        "0x580, FOREGROUND|SUSPENDED|INCOMPLETE",
        "0x080, INCOMPLETE",
        "0x480, FOREGROUND|INCOMPLETE",
        "0x380, ERROR|SUSPENDED|INCOMPLETE",
        "0x780, FOREGROUND|ERROR|SUSPENDED|INCOMPLETE",
        "0x140, SUSPENDED|COMPLETE",
        "0x540, FOREGROUND|SUSPENDED|COMPLETE",
        "0x000, NONE"})
    void describeListsFlagsHighestBitFirst(String hex, String expected) {
        int raw = Integer.decode(hex);
        GroupStatus status = GroupStatus.of(raw, 0);
        assertThat(status.describe()).isEqualTo(expected);
        assertThat(status.raw()).isEqualTo(raw);
        assertThat(GroupStatusFlag.toMask(status.flags())).isEqualTo(raw);
    }

    @Test
    void convenienceAccessors() {
        GroupStatus error = GroupStatus.of(0x780, 2);
        assertThat(error.jobIndex()).isEqualTo(2);
        assertThat(error.isError()).isTrue();
        assertThat(error.isSuspended()).isTrue();
        assertThat(error.isForeground()).isTrue();
        assertThat(error.isComplete()).isFalse();
        assertThat(error.has(GroupStatusFlag.INCOMPLETE)).isTrue();
        assertThat(error.has(null)).isFalse();
        GroupStatus complete = GroupStatus.of(0x140, 0);
        assertThat(complete.isComplete()).isTrue();
        assertThat(complete.isError()).isFalse();
        assertThat(complete.isForeground()).isFalse();
        assertThat(GroupStatus.of(0x80, 0).isSuspended()).isFalse();
    }

    @Test
    void flagsAreAnUnmodifiableCopy() {
        EnumSet<GroupStatusFlag> source = EnumSet.of(GroupStatusFlag.INCOMPLETE);
        GroupStatus status = new GroupStatus(0x80, source, 0);
        source.add(GroupStatusFlag.ERROR);
        assertThat(status.flags()).containsExactly(GroupStatusFlag.INCOMPLETE);
        assertThatThrownBy(() -> status.flags().add(GroupStatusFlag.ERROR))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new GroupStatus(0x80, Set.of(GroupStatusFlag.INCOMPLETE), 0)).isEqualTo(GroupStatus.of(0x80, 0));
        assertInvalidArg(() -> new GroupStatus(0, null, 0));
    }

    @Test
    void undefinedBitsAreRejected() {
        assertInvalidArg(() -> GroupStatus.of(0x181, 0));
        assertInvalidArg(() -> JobStatus.of(0x40, 0, 0, 0));
    }

    @Test
    void jobStatusDescribesAndKeepsErrorDetails() {
        JobStatus error = JobStatus.of(0x18, 0, 404, 3);
        assertThat(error.describe()).isEqualTo("ERROR|INCOMPLETE");
        assertThat(error.isError()).isTrue();
        assertThat(error.isComplete()).isFalse();
        assertThat(error.has(JobStatusFlag.INCOMPLETE)).isTrue();
        assertThat(error.win32Result()).isZero();
        assertThat(error.transportResult()).isEqualTo(404);
        assertThat(error.numOfRetries()).isEqualTo(3);
        assertThat(JobStatus.of(0x4, 0, 0, 0).describe()).isEqualTo("COMPLETE");
        assertThat(JobStatus.of(0x8, 0, 0, 0).describe()).isEqualTo("INCOMPLETE");
        assertThat(JobStatus.of(0x4, 0, 0, 0).isComplete()).isTrue();
        assertThatThrownBy(() -> JobStatus.of(0x4, 0, 0, 0).flags().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
