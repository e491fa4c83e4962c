package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void blankEntriesAreNoEntries() {
        assertThat(EngineSettings.commaSeparated(new String[] {"", " , ,"})).isEmpty();
    }
}
