package org.qmgr.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qmgr.spi.store.GroupRecord;

/**
 * A commit the store reported is still there after the JVM dies at once: a child JVM commits groups and halts
 * right after acknowledging the last one, and every acknowledged group must be in the H2 file afterwards.
 * Without the checkpoint after commit, H2 2.x lost most of such commits here (H2 writes them about once a
 * second in the background).
 */
class H2CommitDurabilityTest {

    private static final int GROUPS = 100;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = CommitDurability.class, names = {"SYNC", "FLUSH"})
    void everyAcknowledgedCommitSurvivesAHaltedJvm(CommitDurability durability) throws Exception {
        String url = TestDatabases.h2Url(dir, "queue");

        List<UUID> acknowledged = runHaltingWriter(url, durability);

        assertThat(acknowledged).as("acknowledgements from the child JVM").hasSize(GROUPS);
        JdbcConnectionPool pool = TestDatabases.h2Pool(url);
        try {
            Set<UUID> stored = new JdbcQueueStore(pool).read(tx -> tx.groups()).stream()
                    .map(GroupRecord::groupId).collect(Collectors.toSet());
            assertThat(stored).as("groups in the database after the halt").containsAll(acknowledged);
        } finally {
            pool.dispose();
        }
    }

    private static List<UUID> runHaltingWriter(String url, CommitDurability durability)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HaltingWriter.class.getName(), url, durability.name(), Integer.toString(GROUPS))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<UUID> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(UUID.fromString(line.substring(4)));
                }
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        return acknowledged;
    }
}
