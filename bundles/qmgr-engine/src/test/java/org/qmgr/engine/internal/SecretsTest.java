package org.qmgr.engine.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupProp;
import org.qmgr.api.Variant;

/**
 * Issue 8, secrets (spec P4): a known, unique password set through {@code setRemoteCredentials} and through
 * {@code GROUPPROP_REMOTEUSERPWD}, used against an origin that challenges (right and wrong password), fails
 * with 500 and refuses, never shows up — neither as given nor as its Basic encoding — in the engine's log
 * lines, in what the API returns (DTOs, properties, reasons, {@code toString}s, stored records) or in the
 * message of any exception raised on the way.
 */
class SecretsTest extends EngineTestSupport {

    private static final String USER = "svc-user";
    /** Unique per run: a hit cannot come from another test's output. */
    private static final String SECRET = "pw-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    private static final String WRONG = "wrong-" + UUID.randomUUID();

    @Test
    void thePasswordNeverAppearsInLogsApiObjectsOrExceptionMessages() throws Exception {
        List<String> seen = new ArrayList<>();
        try (LogCapture log = new LogCapture()) {
            origin.put("/auth", TestContent.bytes(5, 3 * TestOrigin.CHUNK)).basicAuth = USER + ":" + SECRET;
            origin.put("/fails", TestContent.bytes(6, 1000)).fixedStatus = 500;
            BackgroundCopyQMgr qmgr = fixture.client();

            BackgroundCopyGroup right = group(qmgr, "/auth");
            right.setRemoteCredentials(USER, SECRET);
            BackgroundCopyGroup viaProp = group(qmgr, "/auth");
            viaProp.setProp(GroupProp.REMOTEUSERID, Variant.bstr(USER));
            viaProp.setProp(GroupProp.REMOTEUSERPWD, Variant.bstr(SECRET));
            BackgroundCopyGroup wrong = group(qmgr, "/auth");
            wrong.setRemoteCredentials(USER, WRONG);
            BackgroundCopyGroup erring = group(qmgr, "/fails");
            erring.setRemoteCredentials(USER, SECRET);
            List<BackgroundCopyGroup> all = List.of(right, viaProp, wrong, erring);
            all.forEach(BackgroundCopyGroup::resume);

            await().atMost(Duration.ofSeconds(20)).until(() -> right.getStatus().raw() == 0x140
                    && viaProp.getStatus().raw() == 0x140);
            await().atMost(Duration.ofSeconds(20)).until(() -> wrong.getStatus().raw() == 0x380);
            await().atMost(Duration.ofSeconds(20)).until(() -> erring.getInfo().retries > 0
                    || erring.getStatus().raw() == 0x380);

            // bad input carrying the secret: the messages name the problem, not the value
            seen.add(message(() -> right.setCustomHeaders(Map.of("Authorization", "Basic " + basic(SECRET)))));
            seen.add(message(() -> right.setCustomHeaders(Map.of("X-Token", SECRET + "\n"))));
            seen.add(message(() -> right.setProp(GroupProp.REMOTEUSERPWD, Variant.i4(7))));
            seen.add(message(() -> right.setProp(GroupProp.REMOTEUSERPWD, Variant.bstr(SECRET + "x".repeat(70_000)))));
            seen.add(message(() -> right.setRemoteCredentials(USER, SECRET + "x".repeat(70_000))));
            seen.add(message(() -> right.getProp(GroupProp.LOCALUSERPWD)));

            for (BackgroundCopyGroup g : all) {
                assertThat(g.getProp(GroupProp.REMOTEUSERPWD).stringValue()).isEmpty();
                seen.add(g.toString());
                seen.add(String.valueOf(g.getInfo().errorDescription));
                seen.add(describe(g.getInfo()));
                seen.add(String.valueOf(g.why()));
            }
            // records (the store keeps the password: they must not print it) and stored notifications
            seen.add(fixture.store.read(tx -> tx.groups()).toString());
            seen.add(fixture.store.read(tx -> tx.notifications()).toString());
            for (BackgroundCopyGroup g : all) {
                seen.add(fixture.store.read(tx -> tx.jobs(g.getGroupId()).toString()));
            }
            seen.addAll(log.lines());
        }
        assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s)
                .doesNotContain(SECRET).doesNotContain(basic(SECRET)).doesNotContain(WRONG).doesNotContain(basic(WRONG)));
    }

    private BackgroundCopyGroup group(BackgroundCopyQMgr qmgr, String path) {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), dir.resolve(UUID.randomUUID() + ".bin").toString());
        return group;
    }

    private static String basic(String password) {
        return Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(UTF_8));
    }

    /** @return the message of the exception the call throws, with its causes */
    private static String message(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(call).satisfies(t -> thrown[0] = t);
        StringBuilder b = new StringBuilder();
        for (Throwable t = thrown[0]; t != null; t = t.getCause()) {
            b.append(t).append(" | ");
        }
        return b.toString();
    }

    /** Every public field of a DTO and its jobs and files, as text. */
    private static String describe(Object dto) {
        StringBuilder b = new StringBuilder();
        for (java.lang.reflect.Field f : dto.getClass().getFields()) {
            try {
                Object v = f.get(dto);
                b.append(f.getName()).append('=');
                if (v instanceof List<?> list) {
                    list.forEach(e -> b.append('[').append(describe(e)).append(']'));
                } else {
                    b.append(v);
                }
                b.append(' ');
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return b.toString();
    }
}
