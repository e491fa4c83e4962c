package org.qmgr.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellConfigTest {

    @TempDir
    Path etc;

    @Test
    void readsPortHostAndHostKeyLikeKaraf() throws IOException {
        Files.writeString(etc.resolve(ShellConfig.FILE),
                "sshPort = 8102\nsshHost = 0.0.0.0\nhostKey = ${karaf.etc}/keys/host.key\n");

        assertThat(ShellConfig.load(etc, name -> null))
                .isEqualTo(new ShellConfig("127.0.0.1", 8102, etc.resolve("keys/host.key")));
    }

    @Test
    void defaultsAndEnvironmentOverrides() throws IOException {
        Map<String, String> env = Map.of("ORG_APACHE_KARAF_SHELL_SSHPORT", "9101",
                "ORG_APACHE_KARAF_SHELL_SSHHOST", "::1,127.0.0.1");

        assertThat(ShellConfig.load(etc, env::get)).isEqualTo(new ShellConfig("::1", 9101, etc.resolve("host.key")));
        assertThat(ShellConfig.load(etc, name -> null)).isEqualTo(new ShellConfig("127.0.0.1", 8101, etc.resolve("host.key")));
    }
}
