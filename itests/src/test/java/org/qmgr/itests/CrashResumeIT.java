package org.qmgr.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.Test;
import org.qmgr.api.GroupStatus;
import org.qmgr.itests.KarafProcess.Run;
import org.qmgr.itests.ThrottledOrigin.LoggedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 4: a 200 MiB download from a throttled origin survives a {@code kill -9} of the Karaf JVM. The
 * distribution runs as a separate process; after the kill, the checkpoint is read from its H2 queue database, and
 * after a restart the group must complete with the origin's SHA-256, resuming with {@code Range: bytes=N-} where N
 * is at or above that checkpoint.
 */
public class CrashResumeIT {

    private static final Logger LOG = LoggerFactory.getLogger(CrashResumeIT.class);
    private static final long MIB = 1 << 20;
    private static final long SIZE = 200 * MIB;
    /** 200 MiB take ~17 s; slow enough to kill mid-way after a few checkpoints (8 MiB or 2 s each). */
    private static final long RATE = 12 * MIB;
    private static final long KILL_AT = 60 * MIB;
    private static final Duration TO_KILL_POINT = Duration.ofSeconds(60);
    private static final Duration TO_COMPLETION = Duration.ofSeconds(90);
    private static final Pattern OPEN_RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One line of {@code qmgr:groups --no-format}: id, name, status word and text, percent, bytes, size. */
    private record GroupRow(String id, GroupStatus status, long bytes, long size) {
        static GroupRow parse(String line) {
            String[] cells = line.split("\t");
            String status = cells[2].trim();
            int raw = Integer.parseInt(status.substring(2, status.indexOf(' ')), 16);
            return new GroupRow(cells[0].trim(), GroupStatus.of(raw, 0), Long.parseLong(cells[4].trim()),
                    Long.parseLong(cells[5].trim()));
        }
    }

    @Test
    public void aDownloadKilledMidwayResumesFromItsCheckpointAndCompletesIntact() throws Exception {
        long t0 = System.nanoTime();
        GeneratedBody body = new GeneratedBody(4, SIZE);
        // ~1 s of CPU, done while Karaf boots
        CompletableFuture<String> expectedSha256 = CompletableFuture.supplyAsync(body::sha256);
        try (ThrottledOrigin origin = new ThrottledOrigin("/big.bin", body, RATE);
             KarafProcess karaf = KarafProcess.unpack("crash-resume-it")) {
            Path downloads = Files.createDirectories(karaf.home().resolve("downloads"));
            Path file = downloads.resolve("big.bin");
            karaf.start();
            LOG.info("{} s: Karaf started", seconds(t0));

            Run get = karaf.qmgr("get", origin.url(), file.toString());
            assertEquals("bin/qmgr get: " + get.output(), 0, get.exit());
            String groupId = get.stdout().lines().filter(l -> l.startsWith("group ")).findFirst()
                    .map(l -> l.substring(6).trim()).orElse(null);
            assertNotNull("get names its group: " + get.output(), groupId);

            awaitTempFile(karaf, downloads);
            karaf.kill();
            long written = Files.size(tempFile(downloads)
                    .orElseThrow(() -> new AssertionError("no temp file after the kill: the download ended first")));
            LOG.info("{} s: Karaf JVM killed with {} bytes in the temp file", seconds(t0), written);
            assertTrue("killed mid-way, not after the end: " + written + " bytes", written < SIZE);

            StoredCheckpoint checkpoint = StoredCheckpoint.read(karaf.home(), file);
            LOG.info("stored checkpoint {}", checkpoint);
            assertTrue("a checkpoint was stored: " + checkpoint, checkpoint.bytesDone() > 0);
            assertTrue("the checkpoint is short of the end: " + checkpoint, checkpoint.bytesDone() < SIZE);
            assertNotNull("the checkpoint names its temp file: " + checkpoint, checkpoint.tempPath());
            // bin/setenv opens the JDK's SHA-256 to the engine, so checkpoints carry the digest state
            assertTrue("the checkpoint carries the SHA-256 state: " + checkpoint, checkpoint.digestStateBytes() > 0);
            Path temp = Path.of(checkpoint.tempPath());
            assertTrue("the temp file survived the kill: " + temp, Files.isRegularFile(temp));
            assertFalse("no file at the destination yet", Files.exists(file));
            int beforeRestart = origin.requests().size();

            karaf.start();
            LOG.info("{} s: Karaf restarted", seconds(t0));
            GroupRow done = awaitCompletion(karaf, groupId);
            LOG.info("{} s: group complete", seconds(t0));

            assertEquals("size of the completed group: " + done, SIZE, done.size());
            assertEquals("bytes of the completed group: " + done, SIZE, done.bytes());
            assertEquals("SHA-256 of " + file, expectedSha256.get(), GeneratedBody.sha256(file));
            assertFalse("the temp file is gone: " + temp, Files.exists(temp));
            try (Stream<Path> left = Files.list(downloads)) {
                assertEquals("only the downloaded file is left", List.of(file), left.toList());
            }
            assertResumedWithRange(origin.requests(), beforeRestart, checkpoint.bytesDone(), origin.etag());
            // 200 MiB need not stay in target/; after a failure they do, until the next run unpacks afresh
            Files.delete(file);
        }
    }

    /**
     * The first GET after the restart (log index {@code from} on) asks for {@code Range: bytes=N-} with
     * {@code 0 < checkpoint <= N} and If-Range with the ETag, is answered 206, and no later GET starts from byte 0.
     */
    private static void assertResumedWithRange(List<LoggedRequest> requests, int from, long checkpoint, String etag) {
        List<LoggedRequest> gets = requests.subList(from, requests.size()).stream()
                .filter(r -> r.method().equals("GET")).toList();
        assertFalse("a GET after the restart; requests: " + requests, gets.isEmpty());
        LoggedRequest first = gets.get(0);
        Matcher range = OPEN_RANGE.matcher(first.range() == null ? "" : first.range());
        assertTrue("the first GET after the restart asks for Range: bytes=N-: " + first, range.matches());
        long resumedAt = Long.parseLong(range.group(1));
        LOG.info("first GET after the restart: {}; checkpoint {}", first, checkpoint);
        assertTrue("resumed at " + resumedAt + ", at or above the checkpoint " + checkpoint,
                resumedAt > 0 && resumedAt >= checkpoint);
        assertEquals("If-Range of " + first, etag, first.ifRange());
        assertEquals("status of " + first, 206, first.status());
        assertTrue("no GET after the restart starts again from byte 0: " + gets,
                gets.stream().allMatch(r -> r.range() != null && r.status() == 206));
    }

    private static String seconds(long since) {
        return String.format("%.1f", (System.nanoTime() - since) / 1e9);
    }

    /**
     * Waits until the download's temp file holds {@link #KILL_AT} bytes: checked in-process, so the kill comes
     * mid-way however slow a {@code bin/qmgr} round trip is on a loaded machine.
     */
    private static void awaitTempFile(KarafProcess karaf, Path downloads) throws Exception {
        try {
            await("a temp file of " + KILL_AT + " bytes").atMost(TO_KILL_POINT).pollInterval(Duration.ofMillis(100))
                    .until(() -> tempFile(downloads).map(t -> t.toFile().length()).orElse(0L) >= KILL_AT);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + KILL_AT + " bytes in a temp file within " + TO_KILL_POINT
                    + "; bin/qmgr groups: " + karaf.qmgr("groups", "--no-format").output(), e);
        }
    }

    /** @return the largest {@code BIT*.tmp} file in the directory */
    private static Optional<Path> tempFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("BIT.*\\.tmp"))
                    .max(Comparator.comparingLong(p -> p.toFile().length()));
        }
    }

    /** Polls {@code bin/qmgr groups --no-format} until the group is COMPLETE; fails at once on ERROR. */
    private static GroupRow awaitCompletion(KarafProcess karaf, String groupId) {
        AtomicReference<String> last = new AtomicReference<>();
        AtomicReference<GroupRow> row = new AtomicReference<>();
        try {
            await("group " + groupId + " complete").atMost(TO_COMPLETION).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Run groups = karaf.qmgr("groups", "--no-format");
                last.set(groups.output());
                if (groups.exit() != 0) {
                    return false; // e.g. the queue is still loading after a restart
                }
                row.set(groups.stdout().lines().filter(l -> l.startsWith(groupId)).findFirst()
                        .map(GroupRow::parse).orElseThrow(() -> new AssertionError("group " + groupId
                                + " not listed by qmgr:groups: " + groups.output())));
                if (row.get().status().isError()) {
                    throw new AssertionError("group " + groupId + " failed: " + groups.output());
                }
                return row.get().status().isComplete();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("group " + groupId + " not complete within " + TO_COMPLETION
                    + "; last bin/qmgr groups: " + last.get(), e);
        }
        return row.get();
    }
}
