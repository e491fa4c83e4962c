package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationIdTest {

    @TempDir
    Path dir;

    @Test
    void theIdIsMadeOnceAndKeptAcrossRestarts() {
        Path file = dir.resolve("data").resolve("node-id");

        String first = InstallationId.readOrCreate(file);

        assertThat(first).matches("[0-9a-f]{8}");
        assertThat(InstallationId.readOrCreate(file)).isEqualTo(first);
        assertThat(InstallationId.readOrCreate(dir.resolve("other").resolve("node-id"))).isNotEqualTo(first);
    }

    @Test
    void aDamagedFileIsReplaced() throws Exception {
        Path file = dir.resolve("node-id");
        Files.writeString(file, "not an id");

        String id = InstallationId.readOrCreate(file);

        assertThat(id).matches("[0-9a-f]{8}");
        assertThat(Files.readString(file)).isEqualTo(id);
    }
}
