package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.QmgrInvalidHeaderException;
import org.qmgr.api.QmgrInvalidStateException;

/**
 * Custom request headers per group (issue 5, an API extension like BITS' {@code SetCustomHeaders}): every request
 * of the group's files carries them, the resume with Range included; they survive a restart and show in the
 * group's info; a refused call changes nothing, in the cache or in the store.
 */
class GroupCustomHeadersTest extends EngineTestSupport {

    @Test
    void everyRequestCarriesTheHeadersAndChangesApplyFromTheNextRequest() throws Exception {
        byte[] body = TestContent.bytes(77, 8 * TestOrigin.CHUNK);
        TestOrigin.Resource r = origin.put("/f", body);
        r.gate = new Semaphore(2);
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/f"), dir.resolve("f").toString());
        group.setCustomHeaders(ordered("X-Qmgr-Token", "first", "Cookie", "session=1"));
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == 2L * TestOrigin.CHUNK);

        group.setCustomHeaders(ordered("X-Qmgr-Token", "second", "User-Agent", "custom-agent/2"));
        group.suspend();
        group.resume();
        r.gate.release(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().isComplete());

        assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(body);
        assertThat(origin.requests("/f")).extracting(TestOrigin.Logged::method, TestOrigin.Logged::range)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", null),
                        org.assertj.core.groups.Tuple.tuple("GET", "bytes=" + 2L * TestOrigin.CHUNK + "-"));
        List<HttpFields> sent = origin.headers("/f");
        HttpFields first = sent.get(0);
        assertThat(first.get("X-Qmgr-Token")).isEqualTo("first");
        assertThat(first.get("Cookie")).isEqualTo("session=1");
        HttpFields resumed = sent.get(1);
        assertThat(resumed.get("X-Qmgr-Token")).isEqualTo("second");
        assertThat(resumed.get("User-Agent")).isEqualTo("custom-agent/2");
        assertThat(resumed.contains("Cookie")).as("replaced, not merged").isFalse();
    }

    @Test
    void headersSurviveARestartAndShowInTheGroupInfo() {
        UUID id = UUID.randomUUID();
        Map<String, String> headers = ordered("X-Z", "last letter first", "X-A", "", "Cookie", "a=1; b=2");
        fixture.client().createGroup(id).setCustomHeaders(headers);

        fixture.restart();

        BackgroundCopyGroup again = fixture.client().getGroup(id);
        assertThat(again.getCustomHeaders()).containsExactlyEntriesOf(headers);
        assertThat(again.getInfo().customHeaders).containsExactlyEntriesOf(headers);
        assertThat(fixture.client().getGroupInfo(id).customHeaders).containsExactlyEntriesOf(headers);
    }

    @Test
    void aRefusedCallLeavesTheHeadersAndTheStoreAsTheyWere() {
        UUID id = UUID.randomUUID();
        BackgroundCopyGroup group = fixture.client().createGroup(id);
        group.setCustomHeaders(Map.of("X-Kept", "1"));
        long modified = group.getInfo().modifiedMillis;

        for (Map<String, String> bad : List.of(ordered("X-Ok", "fine", "Range", "bytes=0-"),
                ordered("X-Ok", "fine", "X-Evil", "a\r\nHost: elsewhere"), ordered("Bad Name", "v"),
                ordered("Authorization", "Bearer t0k3n"))) {
            assertThatThrownBy(() -> group.setCustomHeaders(bad)).isInstanceOf(QmgrInvalidHeaderException.class);
        }
        assertThatThrownBy(() -> group.setCustomHeaders(null)).isInstanceOf(QmgrInvalidArgumentException.class);

        assertThat(group.getCustomHeaders()).containsExactly(Map.entry("X-Kept", "1"));
        assertThat(group.getInfo().modifiedMillis).isEqualTo(modified);
        assertThat(fixture.store.read(tx -> tx.group(id)).orElseThrow().customHeaders())
                .containsExactly(Map.entry("X-Kept", "1"));
    }

    @Test
    void theRefusalNamesTheHeaderAndTheRule() {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());

        assertThatThrownBy(() -> group.setCustomHeaders(Map.of("X-Secret", "t0k3n\n")))
                .isInstanceOfSatisfying(QmgrInvalidHeaderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(QmgrInvalidHeaderException.Reason.VALUE);
                    assertThat(e.header()).isEqualTo("X-Secret");
                    assertThat(e.getMessage()).contains("X-Secret").contains("U+000A").doesNotContain("t0k3n");
                });
        assertThatThrownBy(() -> group.setCustomHeaders(Map.of("If-Range", "\"v1\"")))
                .isInstanceOfSatisfying(QmgrInvalidHeaderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(QmgrInvalidHeaderException.Reason.RESERVED);
                    assertThat(e.getMessage()).contains("If-Range");
                });
    }

    @Test
    void anEmptyMapClearsTheHeaders() {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.setCustomHeaders(Map.of("X-A", "1"));

        group.setCustomHeaders(Map.of());

        assertThat(group.getCustomHeaders()).isEmpty();
        assertThat(group.getInfo().customHeaders).isEmpty();
    }

    @Test
    void aCancelledGroupChecksTheArgumentFirstThenRefusesLikeEverySetter() {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.cancel();

        assertThatThrownBy(() -> group.setCustomHeaders(Map.of("Host", "h")))
                .isInstanceOf(QmgrInvalidHeaderException.class);
        assertThatThrownBy(() -> group.setCustomHeaders(Map.of("X-A", "1")))
                .isInstanceOfSatisfying(QmgrInvalidStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(QmgrInvalidStateException.Reason.CANCELLED));
        assertThatThrownBy(group::getCustomHeaders)
                .isInstanceOfSatisfying(QmgrInvalidStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(QmgrInvalidStateException.Reason.CANCELLED));
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
