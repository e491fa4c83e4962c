package org.qmgr.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.Test;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;
import org.qmgr.api.GroupStatus;
import org.qmgr.itests.KarafProcess.Run;
import org.qmgr.itests.listener.RecorderActivator;
import org.qmgr.itests.listener.RecordingCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, acceptance point 2: a group's completion notification survives a {@code kill -9} of the Karaf JVM
 * while its listener runs. A listener bundle, built here and dropped into the distribution's {@code deploy/},
 * creates a group that names it by class id with {@code GROUP_DONE}; its {@code onStatus} records the call and
 * blocks, so the notification is never acknowledged; the test kills the JVM, lets the listener return normally
 * and restarts: the listener must receive the same notification, with the same arguments, once, and after a
 * further (orderly) restart not again.
 */
public class CallbackCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackCrashIT.class);
    private static final long SIZE = 64 * 1024;
    private static final long RATE = 64L << 20;
    private static final Duration TO_CALL = Duration.ofSeconds(60);
    /** Longer than two redelivery intervals as configured below: a redelivery would show up. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final int COMPLETE = 0x140;

    /** The arguments of one onStatus call, as the listener wrote them. */
    private record Arguments(String group, String job, int fileIndex, int status, int retries, int win32,
                             int transport, long timeMillis) {
    }

    /** One line of the listener: which JVM it ran in, the arguments, whether the file was in place. */
    private record Call(String jvm, Arguments arguments, boolean fileExists, String line) {
        static Call parse(String line) {
            Map<String, String> f = new HashMap<>();
            Arrays.stream(line.trim().split(" ")).map(kv -> kv.split("=", 2)).forEach(kv -> f.put(kv[0], kv[1]));
            return new Call(f.get("jvm"), new Arguments(f.get("group"), f.get("job"),
                    Integer.parseInt(f.get("fileIndex")), Integer.parseInt(f.get("status").substring(2), 16),
                    Integer.parseInt(f.get("retries")), Integer.parseInt(f.get("win32")),
                    Integer.parseInt(f.get("transport")), Long.parseLong(f.get("time"))),
                    Boolean.parseBoolean(f.get("fileExists")), line);
        }
    }

    @Test
    public void aCompletionWhoseListenerWasKilledIsDeliveredOnceMoreAfterTheRestart() throws Exception {
        long t0 = System.nanoTime();
        long startedMillis = System.currentTimeMillis();
        GeneratedBody body = new GeneratedBody(6, SIZE);
        UUID groupId = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        try (ThrottledOrigin origin = new ThrottledOrigin("/notify.bin", body, RATE);
             KarafProcess karaf = KarafProcess.unpack("callback-crash-it")) {
            Path dir = Files.createDirectories(karaf.home().resolve(RecorderActivator.DIR));
            Path file = Files.createDirectories(karaf.home().resolve("downloads")).resolve("notify.bin");
            Path block = dir.resolve(RecorderActivator.BLOCK);
            writeParams(dir, origin.url(), file, groupId, jobId);
            Files.writeString(block, "onStatus blocks while this file exists\n", UTF_8);
            fastRedelivery(karaf.home());
            deployListener(karaf.home());

            karaf.start();
            String jvm1 = jvm(karaf);
            LOG.info("{} s: Karaf started, JVM {}", seconds(t0), jvm1);
            Call first = awaitCall(karaf, dir, jvm1);
            long observedMillis = System.currentTimeMillis();
            LOG.info("{} s: first call, listener blocking: {}", seconds(t0), first.line());

            Arguments expected = first.arguments();
            assertEquals("group of " + first.line(), groupId.toString(), expected.group());
            assertEquals("job of " + first.line(), jobId.toString(), expected.job());
            assertEquals("fileIndex of a completion (§5.3) in " + first.line(), -1, expected.fileIndex());
            // never switched to the foreground, so exactly 0x140, not 0x540
            assertEquals("status COMPLETE|SUSPENDED of a background group (§1.3.2) in " + first.line(),
                    COMPLETE, expected.status());
            assertEquals("retries of a completion in " + first.line(), 0, expected.retries());
            assertEquals("Win32 result of a completion in " + first.line(), 0, expected.win32());
            assertEquals("transport result of a completion in " + first.line(), 0, expected.transport());
            assertTrue("event time between the test's start " + startedMillis + " and the call seen at "
                    + observedMillis + ": " + first.line(),
                    expected.timeMillis() >= startedMillis && expected.timeMillis() <= observedMillis);
            assertTrue("the file was at its final path when the listener was called: " + first.line(),
                    first.fileExists());
            assertEquals("SHA-256 of " + file, body.sha256(), GeneratedBody.sha256(file));
            assertEquals("one call so far", List.of(first), calls(dir));

            karaf.kill();
            LOG.info("{} s: Karaf JVM killed while the listener blocked", seconds(t0));
            Files.delete(block);
            karaf.start();
            String jvm2 = jvm(karaf);
            assertNotEquals("a new JVM", jvm1, jvm2);
            Call second = awaitCall(karaf, dir, jvm2);
            LOG.info("{} s: call after the restart: {}", seconds(t0), second.line());
            assertEquals("the redelivered notification has the same arguments", expected, second.arguments());

            awaitComplete(karaf, groupId);
            assertEquals("one call in the restarted JVM, then no more: " + calls(dir), 1,
                    calls(dir).stream().filter(c -> c.jvm().equals(jvm2)).count());

            // An orderly restart: the delivered notification was acknowledged, so it never comes again.
            karaf.stop();
            karaf.start();
            String jvm3 = jvm(karaf);
            awaitListenerStarted(dir, jvm3);
            assertNoCall(dir, jvm3);
            LOG.info("{} s: no call after a further restart", seconds(t0));
            assertEquals("two calls in all: " + calls(dir), 2, calls(dir).size());
        }
    }

    /**
     * Builds the listener bundle and moves it whole into {@code deploy/}: fileinstall never sees half a jar. At
     * the first boot fileinstall installs it before the boot features, so it fails to resolve once (no
     * {@code org.qmgr.api} yet) and is started at a later scan; after a restart the framework starts it again.
     */
    private static void deployListener(Path home) throws IOException {
        Path jar = home.resolve("callback-recorder.jar");
        try (InputStream bundle = TinyBundles.bundle()
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, "org.qmgr.itests.callback-recorder")
                .setHeader(Constants.BUNDLE_VERSION, "1.0.0")
                .setHeader(Constants.BUNDLE_ACTIVATOR, RecorderActivator.class.getName())
                .setHeader(Constants.IMPORT_PACKAGE,
                        "org.osgi.framework, org.osgi.util.tracker, org.qmgr.api, org.qmgr.api.callback")
                .addClass(RecorderActivator.class)
                .addClass(RecordingCallback.class)
                .build(TinyBundles.rawBuilder())) {
            Files.copy(bundle, jar);
        }
        Files.move(jar, home.resolve("deploy/callback-recorder.jar"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeParams(Path dir, String url, Path file, UUID groupId, UUID jobId) throws IOException {
        Properties params = new Properties();
        params.setProperty("url", url);
        params.setProperty("localPath", file.toString());
        params.setProperty("groupId", groupId.toString());
        params.setProperty("jobId", jobId.toString());
        try (Writer out = Files.newBufferedWriter(dir.resolve(RecorderActivator.PARAMS), UTF_8)) {
            params.store(out, "CallbackCrashIT");
        }
    }

    /**
     * Redelivery after 1 s, at most 2 s apart (defaults 60 s and 600 s): after a restart the dispatcher may try
     * before the listener bundle has registered its service, and a failed try must not cost a minute.
     */
    private static void fastRedelivery(Path home) throws IOException {
        Path cfg = home.resolve("etc/org.qmgr.callbacks.cfg");
        String text = Files.exists(cfg) ? Files.readString(cfg, UTF_8) : "";
        Files.writeString(cfg, text + "\nnotificationRetrySeconds = 1\nmaxNotificationRetrySeconds = 2\n", UTF_8);
    }

    /** @return the id the listener gives the running Karaf JVM: its pid and start time */
    private static String jvm(KarafProcess karaf) {
        ProcessHandle jvm = karaf.jvm();
        return jvm.pid() + "@" + jvm.info().startInstant()
                .orElseThrow(() -> new AssertionError("no start time of " + jvm.pid())).toEpochMilli();
    }

    /** The whole lines of the listener's results file, parsed. */
    private static List<Call> calls(Path dir) throws IOException {
        return lines(dir.resolve(RecorderActivator.RESULTS)).stream().map(Call::parse).toList();
    }

    /** @return the complete (newline-terminated) lines of a file the Karaf process appends to */
    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, UTF_8);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }

    /** Waits for the first call in the given JVM; fails at once if the listener bundle reported an error. */
    private static Call awaitCall(KarafProcess karaf, Path dir, String jvm) throws Exception {
        Predicate<Call> inJvm = c -> c.jvm().equals(jvm);
        try {
            await("onStatus called in JVM " + jvm).atMost(TO_CALL).pollInterval(Duration.ofMillis(100)).until(() -> {
                failOnListenerError(dir);
                return calls(dir).stream().anyMatch(inJvm);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no onStatus call in JVM " + jvm + " within " + TO_CALL + "; calls: "
                    + calls(dir) + "; bin/qmgr groups: " + karaf.qmgr("groups", "--no-format").output(), e);
        }
        return calls(dir).stream().filter(inJvm).findFirst().orElseThrow();
    }

    private static void failOnListenerError(Path dir) throws IOException {
        Path errors = dir.resolve(RecorderActivator.ERRORS);
        if (Files.exists(errors)) {
            throw new AssertionError("the listener bundle failed: " + Files.readString(errors, UTF_8));
        }
    }

    /** Waits until the listener bundle has started (its callback service registered) in the given JVM. */
    private static void awaitListenerStarted(Path dir, String jvm) {
        await("listener bundle started in JVM " + jvm).atMost(TO_CALL).pollInterval(Duration.ofMillis(100))
                .until(() -> lines(dir.resolve(RecorderActivator.STARTS)).contains("jvm=" + jvm));
    }

    /** Asserts that for {@link #QUIET} the listener is not called in the given JVM. */
    private static void assertNoCall(Path dir, String jvm) throws IOException {
        try {
            await("no onStatus call in JVM " + jvm).during(QUIET).atMost(QUIET.plusSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> calls(dir).stream().noneMatch(c -> c.jvm().equals(jvm)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("an acknowledged notification was delivered again: " + calls(dir), e);
        }
    }

    /** Polls {@code bin/qmgr groups --no-format} until the group shows COMPLETE. */
    private static void awaitComplete(KarafProcess karaf, UUID groupId) {
        AtomicReference<String> last = new AtomicReference<>();
        try {
            await("group " + groupId + " complete").atMost(TO_CALL).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Run groups = karaf.qmgr("groups", "--no-format");
                last.set(groups.output());
                return groups.exit() == 0 && groups.stdout().lines().filter(l -> l.startsWith(groupId.toString()))
                        .map(l -> l.split("\t")[2].trim()).map(s -> s.substring(2, s.indexOf(' ')))
                        .anyMatch(hex -> GroupStatus.of(Integer.parseInt(hex, 16), 0).isComplete());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("group " + groupId + " not COMPLETE within " + TO_CALL
                    + "; last bin/qmgr groups: " + last.get(), e);
        }
    }

    private static String seconds(long since) {
        return String.format("%.1f", (System.nanoTime() - since) / 1e9);
    }
}
