package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;

/**
 * The log tells a group's life in one INFO line per state change, in category {@value GroupLog#CATEGORY}, and
 * nothing per chunk: a multi-chunk file that fails once with 503, is retried and completes, then is cancelled.
 */
class GroupStateLogTest extends EngineTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void oneInfoLinePerStateChangeAndNonePerChunk() throws Exception {
        // 3 MiB: a dozen reads of BodyWriter.READ_SIZE, and several checkpoints at the tests' 256 KiB.
        byte[] body = TestContent.bytes(7, 3 * 1024 * 1024);
        origin.put("/big", body).failNext(503);
        UUID id = UUID.randomUUID();
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            BackgroundCopyGroup group = fixture.client().createGroup(id);
            group.createJob(UUID.randomUUID()).addFile(origin.url("/big"), dir.resolve("big").toString());
            group.resume();
            await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x140);
            group.cancel();
            lines = log.lines().stream().filter(l -> l.contains(id.toString())).toList();
        }

        assertThat(Files.readAllBytes(dir.resolve("big"))).isEqualTo(body);
        String prefix = "] INFO " + GroupLog.CATEGORY + " - group " + id + " ";
        assertThat(lines).allMatch(l -> l.contains(prefix), "every line about the group is a state change");
        assertThat(lines.stream().map(l -> l.substring(l.indexOf(prefix) + prefix.length())).toList())
                .satisfiesExactly(
                        l -> assertThat(l).isEqualTo("NEW -> SUSPENDED"),
                        l -> assertThat(l).isEqualTo("SUSPENDED -> QUEUED"),
                        l -> assertThat(l).isEqualTo("QUEUED -> TRANSFERRING"),
                        l -> assertThat(l).startsWith("TRANSFERRING -> RETRY_WAIT: HTTP_503 "),
                        l -> assertThat(l).isEqualTo("RETRY_WAIT -> QUEUED: retry 1"),
                        l -> assertThat(l).isEqualTo("QUEUED -> TRANSFERRING"),
                        l -> assertThat(l).isEqualTo("TRANSFERRING -> COMPLETE"),
                        l -> assertThat(l).isEqualTo("COMPLETE -> CANCELLED"));
    }

    @Test
    void aFatalErrorIsLoggedWithItsKind() throws Exception {
        UUID id = UUID.randomUUID();
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            BackgroundCopyGroup group = fixture.client().createGroup(id);
            group.createJob(UUID.randomUUID()).addFile(origin.url("/missing"), dir.resolve("missing").toString());
            group.resume();
            await().atMost(WAIT).until(() -> group.getStatus().raw() == 0x380);
            lines = log.lines("INFO", GroupLog.CATEGORY).stream().filter(l -> l.contains(id.toString())).toList();
        }

        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).contains("group " + id + " TRANSFERRING -> ERROR: HTTP_404 ");
    }
}
