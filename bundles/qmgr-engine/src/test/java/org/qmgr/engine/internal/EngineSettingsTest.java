package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How configuration values become settings. */
class EngineSettingsTest {

    @TempDir
    Path dir;

    @Test
    void listSettingsFromACfgFileAreSplitOnCommas() {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        EngineSettings s = EngineSettings.from(Configs.of(EngineConfig.class, Map.of(
                "allowedLocalRoots", new String[] {a + ", " + b + ","},
                "administrators", new String[] {"alice, bundle:org.example.app", " bob"})), "node");

        assertThat(s.allowedLocalRoots()).containsExactly(a.toAbsolutePath(), b.toAbsolutePath());
        assertThat(s.administrators()).containsExactlyInAnyOrder("alice", "bundle:org.example.app", "bob");
    }

    @Test
    void capsDefaultToNoneExceptTheStepAsideRate() {
        EngineSettings s = EngineSettings.from(Configs.of(EngineConfig.class, Map.of()), "node");

        assertThat(s.bandwidth()).isEqualTo(new BandwidthSettings(0, 0, 0, 0, 0, 65_536));
    }

    @Test
    void capsAreReadByTheirKeys() {
        EngineSettings s = EngineSettings.from(Configs.of(EngineConfig.class, Map.of(
                "backgroundMaxBytesPerSecond", 1L, "highMaxBytesPerSecond", 2L, "normalMaxBytesPerSecond", 3L,
                "lowMaxBytesPerSecond", 4L, "foregroundMaxBytesPerSecond", 5L,
                "backgroundStepAsideBytesPerSecond", 0L)), "node");

        assertThat(s.bandwidth()).isEqualTo(new BandwidthSettings(1, 2, 3, 4, 5, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"backgroundMaxBytesPerSecond", "highMaxBytesPerSecond", "normalMaxBytesPerSecond",
            "lowMaxBytesPerSecond", "foregroundMaxBytesPerSecond", "backgroundStepAsideBytesPerSecond"})
    void aNegativeCapIsRefusedNamingItsKeyAndValue(String key) {
        EngineConfig config = Configs.of(EngineConfig.class, Map.of(key, -5L));

        assertThatIllegalArgumentException().isThrownBy(() -> EngineSettings.from(config, "node"))
                .withMessage("org.qmgr.engine: " + key + " = -5 is negative; it must be 0 or more bytes per second");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65})
    void filesAtOnceOutOfRangeIsRefusedNamingItsValue(int value) {
        EngineConfig config = Configs.of(EngineConfig.class, Map.of("filesAtOnce", value));

        assertThatIllegalArgumentException().isThrownBy(() -> EngineSettings.from(config, "node"))
                .withMessage("org.qmgr.engine: filesAtOnce = " + value + " is out of range; it must be 1 to 64");
    }

    @Test
    void filesAtOnceIsOneByDefaultAndReadByItsKey() {
        assertThat(EngineSettings.from(Configs.of(EngineConfig.class, Map.of()), "node").filesAtOnce()).isEqualTo(1);
        assertThat(EngineSettings.from(Configs.of(EngineConfig.class, Map.of("filesAtOnce", 64)), "node")
                .filesAtOnce()).isEqualTo(64);
    }

    @Test
    void progressIntervalsDefaultToHalfASecondAndASecondAndAreReadByTheirKeys() {
        EngineSettings defaults = EngineSettings.from(Configs.of(EngineConfig.class, Map.of()), "node");
        EngineSettings set = EngineSettings.from(Configs.of(EngineConfig.class, Map.of(
                "minProgressIntervalMs", 50L, "progressEventIntervalMs", 0L)), "node");

        assertThat(defaults.minProgressInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.progressEventInterval()).isEqualTo(Duration.ofMillis(1000));
        assertThat(set.minProgressInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(set.progressEventInterval()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {49, 0, -1, 3_600_001})
    void minProgressIntervalOutOfRangeIsRefusedNamingItsValue(long value) {
        EngineConfig config = Configs.of(EngineConfig.class, Map.of("minProgressIntervalMs", value));

        assertThatIllegalArgumentException().isThrownBy(() -> EngineSettings.from(config, "node"))
                .withMessage("org.qmgr.engine: minProgressIntervalMs = " + value
                        + " is out of range; it must be 50 to 3600000");
    }

    @ParameterizedTest
    @ValueSource(longs = {99, 1, -1, 3_600_001})
    void progressEventIntervalOutOfRangeIsRefusedNamingItsValue(long value) {
        EngineConfig config = Configs.of(EngineConfig.class, Map.of("progressEventIntervalMs", value));

        assertThatIllegalArgumentException().isThrownBy(() -> EngineSettings.from(config, "node"))
                .withMessage("org.qmgr.engine: progressEventIntervalMs = " + value
                        + " is out of range; it must be 0 (off) or 100 to 3600000");
    }

    @Test
    void progressIntervalsAtTheirBoundsAreAccepted() {
        EngineSettings low = EngineSettings.from(Configs.of(EngineConfig.class, Map.of(
                "minProgressIntervalMs", 50L, "progressEventIntervalMs", 100L)), "node");
        EngineSettings high = EngineSettings.from(Configs.of(EngineConfig.class, Map.of(
                "minProgressIntervalMs", 3_600_000L, "progressEventIntervalMs", 3_600_000L)), "node");

        assertThat(low.progressEventInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(high.minProgressInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(high.progressEventInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void blankEntriesAreNoEntries() {
        assertThat(EngineSettings.commaSeparated(new String[] {"", " , ,"})).isEmpty();
    }

    @Test
    void theTransferLimitPerOwnerIsOffByDefaultAndANegativeOneIsRefused() {
        EngineSettings none = EngineSettings.from(Configs.of(EngineConfig.class, Map.of()), "node");
        EngineSettings two = EngineSettings.from(Configs.of(EngineConfig.class,
                Map.of("maxConcurrentTransfersPerOwner", 2)), "node");

        assertThat(none.ownerMayStart(1000)).isTrue();
        assertThat(two.ownerMayStart(1)).isTrue();
        assertThat(two.ownerMayStart(2)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> EngineSettings.from(Configs.of(EngineConfig.class,
                Map.of("maxConcurrentTransfersPerOwner", -1)), "node"))
                .withMessage("org.qmgr.engine: maxConcurrentTransfersPerOwner = -1 is out of range; it must be 0 "
                        + "(no limit) or more");
    }
}
