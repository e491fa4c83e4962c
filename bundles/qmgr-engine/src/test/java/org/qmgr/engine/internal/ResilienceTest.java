package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.ProgressType;

/**
 * The two headline scenarios: a big download survives suspends and connection resets byte for byte with
 * Range requests only, and a foreground group overtakes background groups that still all get their turns.
 */
class ResilienceTest extends EngineTestSupport {

    private static final int MIB = 1024 * 1024;


    private BackgroundCopyGroup group(String path) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url(path), dir.resolve(path.substring(1)).toString());
        return group;
    }

    @Test
    void hundredMebibytesSurviveFiveSuspendsAndThreeResetsByteForByte() throws Exception {
        useSettings(EngineFixture.settings().minRetryDelay(Duration.ofMillis(200)).build());
        byte[] body = new byte[100 * MIB];
        new SplittableRandom(100).nextBytes(body);
        TestOrigin.Resource r = origin.put("/big.bin", body);
        // Interleaved along the file; resets fall inside chunks, so bytes in flight are lost with the connection.
        Map<Long, TestOrigin.Fault> stalls = new LinkedHashMap<>();
        for (long at : List.of(8L * MIB, 26L * MIB, 39L * MIB + 777, 61L * MIB, 85L * MIB)) {
            stalls.put(at, r.stallAt(at));
        }
        List<TestOrigin.Fault> resets = List.of(r.resetAt(17L * MIB + 12_345), r.resetAt(48L * MIB),
                r.resetAt(72L * MIB + 1));
        BackgroundCopyGroup group = group("/big.bin");
        long started = System.nanoTime();
        group.resume();

        for (Map.Entry<Long, TestOrigin.Fault> stall : stalls.entrySet()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                    stall.getValue().reached() && group.getProgress(ProgressType.SIZE_DONE) == stall.getKey());
            group.suspend();
            assertThat(group.getStatus().raw()).isEqualTo(0x180);
            group.resume();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> group.getStatus().raw() == 0x140);
        System.out.printf("100 MiB with 5 suspends and 3 resets: %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertThat(resets).allMatch(TestOrigin.Fault::reached);
        assertThat(sha256(dir.resolve("big.bin"))).isEqualTo(TestContent.sha256(body));
        List<TestOrigin.Logged> gets = origin.gets("/big.bin");
        assertThat(gets.get(0).range()).isNull();
        assertThat(gets.subList(1, gets.size())).hasSize(5 + 3).allSatisfy(g -> {
            assertThat(g.range()).matches("bytes=[1-9][0-9]*-");
            assertThat(g.ifRange()).isEqualTo(r.etag);
        });
    }

    /**
     * Background groups capped at 4 MiB/s with 10 MiB each need more than one slice (at most ~2 s of 1 s
     * slices on a 1 s tick), so each must get a turn before any of them can finish.
     */
    @Test
    void foregroundFinishesFirstAndNoBackgroundGroupStarves() throws Exception {
        useSettings(EngineFixture.settings().with("timeSliceSeconds", 1)
                .with("backgroundMaxBytesPerSecond", 4L * MIB).build());
        List<String> names = List.of("/bg1", "/bg2", "/bg3");
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            bodies.put(names.get(i), TestContent.bytes(200 + i, 10 * MIB));
        }
        bodies.put("/fg", TestContent.bytes(210, 16 * MIB));
        bodies.forEach(origin::put);
        List<BackgroundCopyGroup> background = names.stream().map(this::group).toList();
        BackgroundCopyGroup foreground = group("/fg");
        background.forEach(BackgroundCopyGroup::resume);
        await().atMost(Duration.ofSeconds(5)).until(() -> background.get(0).getProgress(ProgressType.SIZE_DONE) > 0);
        foreground.switchToForeground();
        foreground.resume();

        long[] firstProgress = new long[names.size()];
        long[] completed = new long[names.size()];
        long[] fgCompleted = {0};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            long now = System.nanoTime();
            if (fgCompleted[0] == 0 && foreground.getStatus().raw() == 0x540) {
                fgCompleted[0] = now;
            }
            for (int i = 0; i < names.size(); i++) {
                BackgroundCopyGroup g = background.get(i);
                if (firstProgress[i] == 0 && g.getProgress(ProgressType.SIZE_DONE) > 0) {
                    firstProgress[i] = now;
                }
                if (completed[i] == 0 && g.getStatus().raw() == 0x140) {
                    completed[i] = now;
                }
            }
            return fgCompleted[0] != 0 && Arrays.stream(completed).allMatch(t -> t != 0);
        });

        long firstBackgroundDone = Arrays.stream(completed).min().orElseThrow();
        assertThat(fgCompleted[0]).isLessThan(firstBackgroundDone);
        assertThat(Arrays.stream(firstProgress).boxed()).allMatch(t -> t != 0 && t < firstBackgroundDone);
        for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
            assertThat(Files.readAllBytes(dir.resolve(e.getKey().substring(1)))).isEqualTo(e.getValue());
        }
        // Round-robin: every background group was interrupted by a slice end and resumed with Range.
        for (String name : names) {
            assertThat(origin.gets(name)).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    /**
     * Time spent waiting for a turn is not time without progress (spec §1.8 counts from the transient error):
     * a low-priority group that waited longer than the no-progress timeout still retries its first error.
     */
    @Test
    void aGroupThatWaitedLongerThanTheNoProgressTimeoutStillRetriesItsFirstTransientError() throws Exception {
        useSettings(EngineFixture.settings().noProgressTimeout(Duration.ofSeconds(2)).build());
        Semaphore gate = new Semaphore(1);
        origin.put("/first", TestContent.bytes(220, 8 * TestOrigin.CHUNK)).gate = gate;
        byte[] body = TestContent.bytes(221, 5000);
        origin.put("/later", body).failNext(503);
        BackgroundCopyGroup first = group("/first");
        BackgroundCopyGroup later = group("/later");
        later.setBackgroundPriority(BackgroundPriority.LOW);
        first.resume();
        later.resume();

        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> "QUEUED".equals(later.getInfo().state) && origin.requests("/later").isEmpty());
        gate.release(1000);

        await().atMost(Duration.ofSeconds(10)).until(() -> later.getStatus().raw() != 0x80);
        assertThat(later.getStatus().raw()).isEqualTo(0x140);
        assertThat(origin.gets("/later")).hasSize(2);
        assertThat(Files.readAllBytes(dir.resolve("later"))).isEqualTo(body);
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
