package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.JobStatus;
import org.qmgr.api.ProgressType;
import org.qmgr.api.Win32Results;
import org.qmgr.spi.notify.QueueEvent;

/** Checklist C78–C89 (spec §8 "Errors and retries", §1.8, §1.10, §4.10), with the spec's test timers. */
class ErrorsConformanceTest extends EngineTestSupport {

    private static final int CHUNK = TestOrigin.CHUNK;

    private final List<QueueEvent> events = new CopyOnWriteArrayList<>();

    /** Starts the engine: retry 1 s, no-progress 5 s unless the settings say otherwise. */
    private EngineFixture engine(EngineSettings settings) {
        useSettings(settings);
        return engine();
    }

    /** Listens to the engine's events (the base's engine has the default test settings). */
    private EngineFixture engine() {
        fixture.engine.bindSink((event, view) -> events.add(event));
        return fixture;
    }

    /** A suspended group with one job holding the given origin paths, saved under their names in {@link #dir}. */
    private BackgroundCopyGroup group(String... paths) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        List<FileSetInfo> files = new ArrayList<>();
        for (String p : paths) {
            String url = p.startsWith("http") ? p : origin.url(p);
            files.add(new FileSetInfo(url, dir.resolve(p.substring(p.lastIndexOf('/') + 1)).toString()));
        }
        group.createJob(UUID.randomUUID()).addFiles(files);
        return group;
    }

    private static BackgroundCopyJob job(BackgroundCopyGroup group) {
        return group.getJob(group.enumJobs().next(1).get(0));
    }

    @Test
    void C78_notFoundOnFileOneOfThreeIsFatal() throws Exception {
        engine();
        origin.put("/zero", TestContent.bytes(780, 5000));
        origin.put("/two", TestContent.bytes(782, 5000));
        BackgroundCopyGroup group = group("/zero", "/one", "/two");
        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);
        JobStatus s = job(group).getStatus();
        assertThat(s.raw()).isEqualTo(0x18);
        assertThat(s.transportResult()).isEqualTo(404);
        assertThat(s.win32Result()).isZero();
        assertThat(s.numOfRetries()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("zero"))).isEqualTo(TestContent.bytes(780, 5000));
        assertThat(origin.requests("/two")).isEmpty();
    }

    @Test
    void C79_twoServiceUnavailableThenSuccessRetriesWithoutError() throws Exception {
        engine();
        byte[] body = TestContent.bytes(79, 3000);
        origin.put("/flaky", body).failNext(503, 503);
        BackgroundCopyGroup group = group("/flaky");
        List<Integer> seen = new CopyOnWriteArrayList<>();
        group.resume();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int raw = group.getStatus().raw();
            seen.add(raw);
            return raw == 0x140;
        });
        assertThat(seen).allMatch(raw -> raw == 0x80 || raw == 0x140);
        List<TestOrigin.Logged> gets = origin.gets("/flaky");
        assertThat(gets).hasSize(3);
        for (int i = 1; i < gets.size(); i++) {
            Duration gap = Duration.ofNanos(gets.get(i).nanos() - gets.get(i - 1).nanos());
            assertThat(gap).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        }
        assertThat(Files.readAllBytes(dir.resolve("flaky"))).isEqualTo(body);
        assertThat(events).noneMatch(e -> e.type() == QueueEvent.Type.GROUP_ERROR);
    }

    @Test
    void C80_permanentServiceUnavailableEndsInErrorAfterTheNoProgressTimeout() throws Exception {
        engine();
        origin.put("/down", TestContent.bytes(80, 3000)).failAlways(503);
        BackgroundCopyGroup group = group("/down");
        long resumed = System.nanoTime();
        group.resume();

        await().atMost(Duration.ofSeconds(15)).until(() -> group.getStatus().raw() == 0x380);
        assertThat(Duration.ofNanos(System.nanoTime() - resumed)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        JobStatus s = job(group).getStatus();
        assertThat(s.transportResult()).isEqualTo(503);
        assertThat(s.win32Result()).isZero();
        int reattempts = origin.gets("/down").size() - 1;
        assertThat(s.numOfRetries()).isGreaterThanOrEqualTo(1).isEqualTo(reattempts);
    }

    @Test
    void C81_noProgressTimeoutZeroMakesTheFirstTransientErrorFatal() throws Exception {
        engine(EngineFixture.settings().noProgressTimeout(Duration.ZERO).build());
        origin.put("/once", TestContent.bytes(81, 3000)).failNext(503);
        BackgroundCopyGroup group = group("/once");
        long resumed = System.nanoTime();
        group.resume();

        await().atMost(Duration.ofSeconds(5)).until(() -> group.getStatus().raw() == 0x380);
        assertThat(Duration.ofNanos(System.nanoTime() - resumed)).isLessThan(Duration.ofSeconds(1));
        JobStatus s = job(group).getStatus();
        assertThat(s.transportResult()).isEqualTo(503);
        assertThat(s.numOfRetries()).isZero();
        assertThat(origin.gets("/once")).hasSize(1);
    }

    @Test
    void C82_unresolvableHostIsTransientThen12007() {
        engine();
        BackgroundCopyGroup group = group("http://nonexistent.invalid/file.bin");
        group.resume();

        // Transient: still INCOMPLETE (retrying) well after the first failure.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> group.getStatus().raw() == 0x80);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);
        JobStatus s = job(group).getStatus();
        assertThat(s.win32Result()).isEqualTo(Win32Results.ERROR_INTERNET_NAME_NOT_RESOLVED);
        assertThat(s.transportResult()).isZero();
        assertThat(s.numOfRetries()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void C83_missingContentLengthIsFatal12152() {
        engine();
        origin.put("/dynamic", TestContent.bytes(83, 5000)).contentLength = false;
        BackgroundCopyGroup group = group("/dynamic");
        group.resume();

        await().atMost(Duration.ofSeconds(5)).until(() -> group.getStatus().raw() == 0x380);
        JobStatus s = job(group).getStatus();
        assertThat(s.win32Result()).isEqualTo(Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE);
        assertThat(s.numOfRetries()).isZero();
    }

    /** Tests run as root here, which writes into read-only directories: the removed directory is the portable case. */
    @Test
    void C84_removedDestinationDirectoryIsFatal3() throws Exception {
        engine();
        origin.put("/f", TestContent.bytes(84, 5000));
        Path gone = Files.createDirectory(dir.resolve("gone"));
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/f"), gone.resolve("f").toString());
        Files.delete(gone);
        group.resume();

        await().atMost(Duration.ofSeconds(5)).until(() -> group.getStatus().raw() == 0x380);
        JobStatus s = job(group).getStatus();
        assertThat(s.win32Result()).isEqualTo(Win32Results.ERROR_PATH_NOT_FOUND);
        assertThat(s.transportResult()).isZero();
    }

    @Test
    void C84_readOnlyDestinationDirectoryIsFatal5() throws Exception {
        engine();
        origin.put("/f", TestContent.bytes(84, 5000));
        Path locked = Files.createDirectory(dir.resolve("locked"));
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/f"), locked.resolve("f").toString());
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            boolean root = "root".equals(System.getProperty("user.name")) || Files.isWritable(locked);
            Assumptions.assumeFalse(root, "root writes into read-only directories");
            group.resume();

            await().atMost(Duration.ofSeconds(5)).until(() -> group.getStatus().raw() == 0x380);
            assertThat(job(group).getStatus().win32Result()).isEqualTo(Win32Results.ERROR_ACCESS_DENIED);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void C85_resumeFromErrorAfterTheServerIsFixedClearsTheErrorAndCompletes() throws Exception {
        engine();
        BackgroundCopyGroup group = group("/later");
        group.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> group.getStatus().raw() == 0x380);
        assertThat(job(group).getStatus().transportResult()).isEqualTo(404);

        byte[] body = TestContent.bytes(85, 10 * CHUNK);
        Semaphore gate = new Semaphore(0);
        origin.put("/later", body).gate = gate;
        group.resume();

        assertThat(group.getStatus().raw()).isEqualTo(0x80);
        JobStatus s = job(group).getStatus();
        assertThat(List.of(s.raw(), s.win32Result(), s.transportResult(), s.numOfRetries()))
                .containsExactly(0x08, 0, 0, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !origin.gets("/later").isEmpty());
        gate.release(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("later"))).isEqualTo(body);
    }

    @Test
    void C86_errorValuesAreStableInErrorAndZeroOutsideIt() {
        engine(EngineFixture.settings().minRetryDelay(Duration.ofMillis(300))
                .noProgressTimeout(Duration.ofSeconds(2)).build());
        TestOrigin.Resource r = origin.put("/down", TestContent.bytes(86, 3000));
        r.failAlways(503);
        BackgroundCopyGroup group = group("/down");
        BackgroundCopyJob job = job(group);
        assertThat(job.getStatus()).isEqualTo(JobStatus.of(0x08, 0, 0, 0));
        List<JobStatus> beforeError = new CopyOnWriteArrayList<>();
        group.resume();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JobStatus s = job.getStatus();
            if (!s.isError()) {
                beforeError.add(s);
            }
            return s.isError();
        });
        assertThat(beforeError).isNotEmpty()
                .allSatisfy(s -> assertThat(List.of(s.win32Result(), s.transportResult(), s.numOfRetries()))
                        .containsOnly(0));
        JobStatus first = job.getStatus();
        assertThat(first.transportResult()).isEqualTo(503);
        assertThat(first.numOfRetries()).isGreaterThanOrEqualTo(1);
        for (int i = 0; i < 20; i++) {
            assertThat(job.getStatus()).isEqualTo(first);
        }

        r.failAlways(0);
        group.resume();
        JobStatus after = job.getStatus();
        assertThat(List.of(after.win32Result(), after.transportResult(), after.numOfRetries())).containsOnly(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(job.getStatus()).isEqualTo(JobStatus.of(0x04, 0, 0, 0));
    }

    @Test
    void C87_resumeDuringRetryWaitRetriesAtOnce() throws Exception {
        engine(EngineFixture.settings().minRetryDelay(Duration.ofSeconds(30))
                .noProgressTimeout(Duration.ofSeconds(60)).build());
        byte[] body = TestContent.bytes(87, 3000);
        origin.put("/flaky", body).failNext(503);
        BackgroundCopyGroup group = group("/flaky");
        group.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> "RETRY_WAIT".equals(group.getInfo().state));
        assertThat(group.getStatus().raw()).isEqualTo(0x80);

        long resumed = System.nanoTime();
        group.resume();

        await().atMost(Duration.ofSeconds(5)).until(() -> group.getStatus().raw() == 0x140);
        List<TestOrigin.Logged> gets = origin.gets("/flaky");
        assertThat(gets).hasSize(2);
        assertThat(Duration.ofNanos(gets.get(1).nanos() - resumed)).isLessThan(Duration.ofSeconds(1));
        assertThat(Files.readAllBytes(dir.resolve("flaky"))).isEqualTo(body);
    }

    @Test
    void C88_entityChangedBetweenSuspendAndResumeRestartsThatFileFromZero() throws Exception {
        engine();
        byte[] first = TestContent.bytes(880, 7000);
        byte[] oldBody = TestContent.bytes(881, 40 * CHUNK);
        byte[] newBody = TestContent.bytes(882, 40 * CHUNK);
        origin.put("/first", first);
        TestOrigin.Resource r = origin.put("/big", oldBody);
        Semaphore oldGate = new Semaphore(5);
        r.gate = oldGate;
        BackgroundCopyGroup group = group("/first", "/big");
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == first.length + 5L * CHUNK);
        group.suspend();
        String oldEtag = r.etag;
        oldGate.release(1000);
        // The aborted response must end before the new gate is set, or it would take the new permits.
        await().atMost(Duration.ofSeconds(5)).until(() -> r.streaming() == 0);

        r.replace(newBody);
        Semaphore newGate = new Semaphore(0);
        r.gate = newGate;
        group.resume();
        newGate.release(1);

        // SIZE_DONE drops: the held 5 chunks are gone, one chunk of the new version arrived.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE), done -> done == first.length + (long) CHUNK);
        newGate.release(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("big"))).isEqualTo(newBody);
        List<TestOrigin.Logged> gets = origin.gets("/big");
        assertThat(gets.get(gets.size() - 1).range()).isEqualTo("bytes=" + 5L * CHUNK + "-");
        assertThat(gets.get(gets.size() - 1).ifRange()).isEqualTo(oldEtag);
        assertThat(origin.gets("/first")).hasSize(1);
    }

    @Test
    void C89_serverIgnoringRangeOnResumeStillGivesACorrectFile() throws Exception {
        engine();
        byte[] body = TestContent.bytes(89, 30 * CHUNK);
        TestOrigin.Resource r = origin.put("/norange", body);
        Semaphore oldGate = new Semaphore(4);
        r.gate = oldGate;
        BackgroundCopyGroup group = group("/norange");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == 4L * CHUNK);
        group.suspend();

        r.ranges = false;
        r.gate = null;
        oldGate.release(1000);
        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("norange"))).isEqualTo(body);
        List<TestOrigin.Logged> gets = origin.gets("/norange");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1).range()).isEqualTo("bytes=" + 4L * CHUNK + "-");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("norange");
        }
    }
}
