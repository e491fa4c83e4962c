package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.GroupWhy;
import org.qmgr.api.JobStatus;
import org.qmgr.api.ProgressType;
import org.qmgr.api.WaitReason;
import org.qmgr.api.Win32Results;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.testorigin.Entities;
import org.qmgr.testorigin.Fault;
import org.qmgr.testorigin.FaultOrigin;
import org.qmgr.testorigin.OriginCertificate;
import org.qmgr.testorigin.RecordedRequest;
import org.qmgr.testorigin.Resource;

/**
 * One server fault at a time against the real engine and the real Jetty transport ({@link FaultOrigin}): every
 * download ends COMPLETE with a byte-identical file, or in ERROR with the spec's Win32/transport pair (§1.8,
 * §4.10) and nothing at the final path. Transient faults are retried with a Range from the bytes held (§1.10.2);
 * a changed or Range-ignoring entity is fetched again from byte 0, never spliced (§1.10.3).
 */
class FaultInjectionTest {

    private static final int SIZE = 200 * 1024 + 17;
    private static final int COMPLETE = 0x140;
    private static final int ERROR = 0x380;

    @TempDir
    Path dir;
    private FaultOrigin origin;
    private EngineFixture fixture;

    @BeforeEach
    void start() throws Exception {
        origin = FaultOrigin.http();
        fixture = engine(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        origin.close();
    }

    /**
     * The engine with sub-second retries, a 3 s no-progress budget and a 1 s read timeout (so a stall costs
     * about a second), plus the given transport settings.
     */
    private static EngineFixture engine(Map<String, Object> transport) {
        Map<String, Object> config = new HashMap<>(Map.of("readTimeoutSeconds", 1));
        config.putAll(transport);
        return new EngineFixture(EngineFixture.settings().minRetryDelay(Duration.ofMillis(100))
                .noProgressTimeout(Duration.ofSeconds(3)).build(), config);
    }

    @Test
    void resetMidFileResumesWithRangeAndCompletes() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.resetAt(150_000));

        assertComplete(download(origin, "/f"), "/f", r);
        List<RecordedRequest> gets = origin.gets("/f");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).range()).isNull();
        // A reset may throw away bytes in flight: the resume starts at what was written, never beyond the cut.
        assertThat(gets.get(1).range()).matches("bytes=\\d+-");
        assertThat(offset(gets.get(1))).isBetween(1L, 150_000L);
        assertThat(gets.get(1).ifRange()).isEqualTo(r.etag());
    }

    @Test
    void stallLongerThanTheReadTimeoutIsRetriedFromTheStallAndCompletes() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.stall(Duration.ofSeconds(5), 100_000));

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(origin.gets("/f")).extracting(RecordedRequest::range).containsExactly(null, "bytes=100000-");
    }

    @ParameterizedTest(name = "HTTP {0} twice")
    @ValueSource(ints = {500, 502, 503, 429})
    void transientStatusTwiceIsRetriedAndCompletes(int status) throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.status(status, 2));

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(origin.gets("/f")).hasSize(3);
    }

    /**
     * A 503 with {@code Retry-After: 2} is retried no sooner than the server asked, though the engine's own retry
     * delay is 100 ms: the second GET reaches the origin at least 2 s after the first (the wait counts from the
     * answer, which comes after the first GET arrived).
     */
    @Test
    void serviceUnavailableWithRetryAfterIsRetriedNoSoonerThanAskedAndCompletes() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.status(503, Duration.ofSeconds(2), 1));

        assertCompleteWithTheRetryNoSoonerThan(r, Duration.ofSeconds(2));
    }

    /**
     * The HTTP-date form: a 429 asking for a retry at a date 2 to 3 s ahead (whole seconds) is retried no
     * sooner than about 2 s later (the client's clock reads the date a few milliseconds after the origin wrote it).
     */
    @Test
    void tooManyRequestsWithRetryAfterAsADateIsRetriedNoSoonerThanThatDateAndCompletes() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.statusWithRetryDate(429, Duration.ofSeconds(2), 1));

        assertCompleteWithTheRetryNoSoonerThan(r, Duration.ofMillis(1900));
    }

    /** While it waits, {@code why} names the server's later retry time, not the engine's 100 ms. */
    @Test
    void whyWhileWaitingOutARetryAfterShowsTheServersRetryTime() throws Exception {
        useSettings(Duration.ofMillis(100), Duration.ofMinutes(5));
        origin.serve("/f", SIZE).fault(Fault.status(503, Duration.ofSeconds(30), Fault.ALWAYS));
        BackgroundCopyGroup group = newGroup(origin, "/f");
        Instant resumed = Instant.now();
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.why().code() == WaitReason.RETRY_WAIT);

        GroupWhy why = group.why();
        assertThat(why.until()).isAfter(resumed.plusSeconds(29)).isBefore(Instant.now().plusSeconds(31));
        assertThat(why.transportResult()).isEqualTo(503);
        assertThat(origin.gets("/f")).hasSize(1);
    }

    /**
     * A transient 500 keeps its status while the group waits to retry: {@code why} and the group's info show
     * HTTP 500 (the job status stays 0 outside ERROR, spec A-13).
     */
    @Test
    void transientServerErrorKeepsItsStatusWhileWaitingToRetry() throws Exception {
        useSettings(Duration.ofSeconds(30), Duration.ofMinutes(5));
        origin.serve("/f", SIZE).fault(Fault.status(500, Fault.ALWAYS));
        BackgroundCopyGroup group = newGroup(origin, "/f");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.why().code() == WaitReason.RETRY_WAIT);

        GroupWhy why = group.why();
        assertThat(why.win32Result()).isEqualTo(Win32Results.ERROR_SUCCESS);
        assertThat(why.transportResult()).isEqualTo(500);
        assertThat(why.sentence()).contains("HTTP 500");
        GroupDTO info = group.getInfo();
        assertThat(info.state).isEqualTo("RETRY_WAIT");
        assertThat(info.transportResult).isEqualTo(500);
        assertThat(info.errorDescription).contains("HTTP 500");
        assertThat(onlyJobStatus(group).transportResult()).isZero();
    }

    @Test
    void serviceUnavailableForeverEndsInErrorWith503AfterTheNoProgressTimeout() throws Exception {
        origin.serve("/f", SIZE).fault(Fault.status(503, Fault.ALWAYS));

        BackgroundCopyGroup group = download(origin, "/f");

        assertThat(onlyJobStatus(group).numOfRetries()).isPositive();
        assertError(group, "/f", Win32Results.ERROR_SUCCESS, 503);
    }

    /**
     * The origin's reset is a real RST (SO_LINGER 0): every attempt reset at the same byte ends, once the
     * no-progress budget is spent, in ERROR with 12031 (ERROR_INTERNET_CONNECTION_RESET), spec §4.10.
     */
    @Test
    void connectionResetEveryTimeEndsInErrorWithConnectionReset() throws Exception {
        origin.serve("/f", SIZE).fault(new Fault.ResetAt(150_000, Fault.ALWAYS));

        BackgroundCopyGroup group = download(origin, "/f");

        assertError(group, "/f", Win32Results.ERROR_INTERNET_CONNECTION_RESET, 0);
    }

    /** The control: an orderly close (FIN) mid-body is an abort, 12030 (ERROR_INTERNET_CONNECTION_ABORTED). */
    @Test
    void connectionClosedEarlyEveryTimeEndsInErrorWithConnectionAborted() throws Exception {
        origin.serve("/f", SIZE).fault(new Fault.ShortLength(120_000, Fault.ALWAYS));

        BackgroundCopyGroup group = download(origin, "/f");

        assertError(group, "/f", Win32Results.ERROR_INTERNET_CONNECTION_ABORTED, 0);
    }

    @Test
    void rangeIgnoredAfterAResetRestartsFromZeroWithoutSplicing() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.resetAt(150_000)).fault(Fault.ignoreRange());

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(origin.gets("/f")).hasSize(2);
    }

    @Test
    void entityChangedMidFileRestartsFromZeroAndEndsWithTheNewVersion() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.resetAt(150_000)).fault(Fault.rotateValidators());
        String first = r.sha256();

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(r.version()).isEqualTo(1);
        assertThat(r.sha256()).isNotEqualTo(first);
        assertThat(origin.gets("/f")).hasSize(2);
    }

    /**
     * A broken cache answers a stale If-Range with 206 and the new entity's bytes: the new ETag and
     * Last-Modified in that 206 must make the engine start over rather than splice two versions.
     */
    @Test
    void entityChangedBehindACacheIgnoringIfRangeIsNotSpliced() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.resetAt(150_000))
                .fault(new Fault.RotateValidators(false));

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(r.version()).isEqualTo(1);
    }

    @Test
    void bodyShorterThanItsContentLengthIsResumedWhereItEndedAndCompletes() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.shortLength(120_000));

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(origin.gets("/f")).extracting(RecordedRequest::range).containsExactly(null, "bytes=120000-");
    }

    @Test
    void bytesBeyondTheContentLengthAreNotWritten() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.longBody(5000));

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(Files.size(dir.resolve("f"))).isEqualTo(SIZE);
    }

    /** Spec C83: no size from the server is fatal, Win32 12152 with the status received. */
    @Test
    void chunkedBodyWithoutContentLengthIsAFatalInvalidResponse() throws Exception {
        origin.serve("/f", SIZE).fault(Fault.chunked());

        BackgroundCopyGroup group = download(origin, "/f");

        assertError(group, "/f", Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, 200);
        assertThat(origin.gets("/f")).hasSize(1);
    }

    @Test
    void redirectChainWithinTheLimitCompletes() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.redirectChain(3));

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(origin.gets("/f")).extracting(RecordedRequest::query).containsExactly(null, "hop=1", "hop=2",
                "hop=3");
    }

    /** Spec §4.10: more than maxRedirects (10) is fatal, 12152 with the last status. */
    @Test
    void redirectChainBeyondTheLimitIsAFatalInvalidResponse() throws Exception {
        origin.serve("/f", SIZE).fault(Fault.redirectChain(11));

        BackgroundCopyGroup group = download(origin, "/f");

        assertError(group, "/f", Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, 302);
        assertThat(origin.gets("/f")).hasSize(11);
    }

    @Test
    void redirectLoopIsAFatalInvalidResponse() throws Exception {
        origin.serve("/f", SIZE).fault(Fault.redirectLoop());

        BackgroundCopyGroup group = download(origin, "/f");

        assertError(group, "/f", Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, 302);
        assertThat(origin.gets("/f")).hasSize(11);
    }

    @Test
    void hugeResponseHeadersComplete() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.hugeHeaders(64 * 1024));

        assertComplete(download(origin, "/f"), "/f", r);
    }

    /**
     * Headers beyond the transport's cap (256 KiB; Jetty's default is none) are a malformed response, 12152,
     * ending in ERROR once the retry budget is spent, never in a transfer that grows memory forever. Also under
     * {@code -ea} (as here), where Jetty's parser trips its own assertion while reporting the overflow.
     */
    @Test
    void responseHeadersBeyondTheCapEndInErrorNotInAnEndlessTransfer() throws Exception {
        origin.serve("/f", SIZE).fault(Fault.hugeHeaders(512 * 1024));

        BackgroundCopyGroup group = download(origin, "/f");

        assertError(group, "/f", Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, 0);
    }

    /** Data that keeps coming, however slowly, is no read timeout (1 s here). */
    @Test
    void slowTrickleCompletes() throws Exception {
        Resource r = origin.serve("/f", 20 * 1024).fault(Fault.trickle(40 * 1024));

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(origin.gets("/f")).hasSize(1);
    }

    /**
     * Like BITS, the entity is stored as served: gzip bytes stay gzip bytes (the transport asks for no encoding
     * and decodes none), so sizes and ranges add up across a resume.
     */
    @Test
    void gzipEncodedEntityIsStoredAsServedAndResumedByteForByte() throws Exception {
        Resource r = origin.serve("/f", SIZE).fault(Fault.gzip());
        r.fault(Fault.resetAt(r.entity().length / 2));

        assertComplete(download(origin, "/f"), "/f", r);
        assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(Entities.gzip(r.content()));
        assertThat(origin.gets("/f")).hasSize(2).allSatisfy(g -> assertThat(g.acceptEncoding()).isNull());
    }

    @Test
    void selfSignedCertificateIsAFatalSecureFailure() throws Exception {
        try (FaultOrigin https = FaultOrigin.https(OriginCertificate.SELF_SIGNED)) {
            https.serve("/f", SIZE);

            assertError(download(https, "/f"), "/f", Win32Results.ERROR_WINHTTP_SECURE_FAILURE, 0);
            assertThat(https.requests("/f")).isEmpty();
        }
    }

    /** The expired certificate is trusted, so only its dates can fail it. */
    @Test
    void expiredCertificateIsAFatalSecureFailureEvenWhenTrusted() throws Exception {
        useTrustStore(OriginCertificate.EXPIRED);
        try (FaultOrigin https = FaultOrigin.https(OriginCertificate.EXPIRED)) {
            https.serve("/f", SIZE);

            assertError(download(https, "/f"), "/f", Win32Results.ERROR_WINHTTP_SECURE_FAILURE, 0);
            assertThat(https.requests("/f")).isEmpty();
        }
    }

    /** The control for the two above: the same kind of certificate, valid and trusted, works. */
    @Test
    void trustedValidCertificateCompletes() throws Exception {
        useTrustStore(OriginCertificate.SELF_SIGNED);
        try (FaultOrigin https = FaultOrigin.https(OriginCertificate.SELF_SIGNED)) {
            Resource r = https.serve("/f", SIZE);

            assertComplete(download(https, "/f"), "/f", r);
        }
    }

    /** A TLS server without ALPN speaks HTTP/1.1; the transport must not try HTTP/2 on it. */
    @Test
    void tlsServerWithoutAlpnCompletesOverHttp11() throws Exception {
        useTrustStore(OriginCertificate.SELF_SIGNED);
        try (FaultOrigin https = FaultOrigin.httpsWithoutAlpn(OriginCertificate.SELF_SIGNED)) {
            Resource r = https.serve("/f", SIZE).fault(Fault.resetAt(150_000));

            assertComplete(download(https, "/f"), "/f", r);
            assertThat(https.gets("/f")).hasSize(2);
        }
    }

    /** Several files, each with its own fault: all complete, and a committed file is never fetched again. */
    @Test
    void aGroupOfFilesWithDifferentFaultsCompletesEveryFile() throws Exception {
        List<Resource> resources = List.of(origin.serve("/a", SIZE).fault(Fault.status(503, 1)),
                origin.serve("/b", SIZE).fault(Fault.resetAt(90_000)),
                origin.serve("/c", SIZE).fault(Fault.shortLength(10_000)).fault(Fault.ignoreRange()));
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFiles(Stream.of("/a", "/b", "/c")
                .map(p -> new FileSetInfo(origin.url(p), local(p).toString())).toList());
        group.resume();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> group.getStatus().raw() == COMPLETE || group.getStatus().raw() == ERROR);

        assertComplete(group, "/a", resources.get(0));
        assertComplete(group, "/b", resources.get(1));
        assertComplete(group, "/c", resources.get(2));
        assertThat(origin.gets("/a")).hasSize(2);
        assertThat(origin.gets("/b")).hasSize(2);
        assertThat(origin.gets("/c")).hasSize(2);
    }

    @Test
    void cancelDuringAStallRemovesThePartialTempFile() throws Exception {
        origin.serve("/f", SIZE).fault(Fault.stall(Duration.ofSeconds(30), 100_000));
        useSettingsWithLongReadTimeout();
        BackgroundCopyGroup group = newGroup(origin, "/f");
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == 100_000);
        assertThat(tempFiles()).hasSize(1);

        group.cancel();

        assertThat(tempFiles()).isEmpty();
        assertThat(dir.resolve("f")).doesNotExist();
    }

    private void useSettingsWithLongReadTimeout() {
        fixture.close();
        fixture = engine(Map.of("readTimeoutSeconds", 30));
    }

    /** Downloads {@code /f}: COMPLETE after exactly one retry, whose GET came at least {@code wait} after the first. */
    private void assertCompleteWithTheRetryNoSoonerThan(Resource r, Duration wait) throws IOException {
        assertComplete(download(origin, "/f"), "/f", r);
        List<RecordedRequest> gets = origin.gets("/f");
        assertThat(gets).hasSize(2);
        assertThat(Duration.ofNanos(gets.get(1).nanos() - gets.get(0).nanos())).isGreaterThanOrEqualTo(wait);
    }

    private void useSettings(Duration minRetryDelay, Duration noProgressTimeout) {
        fixture.close();
        fixture = new EngineFixture(EngineFixture.settings(minRetryDelay, noProgressTimeout),
                Map.of("readTimeoutSeconds", 1));
    }

    private void useTrustStore(OriginCertificate certificate) throws IOException {
        fixture.close();
        fixture = engine(Map.of("tls_trustStore", certificate.trustStore().toString(),
                "_tls_trustStorePassword", OriginCertificate.PASSWORD));
    }

    private BackgroundCopyGroup newGroup(FaultOrigin from, String path) {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(from.url(path), local(path).toString());
        return group;
    }

    /** Downloads one file and waits until its group is COMPLETE or in ERROR. */
    private BackgroundCopyGroup download(FaultOrigin from, String path) {
        BackgroundCopyGroup group = newGroup(from, path);
        group.resume();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> group.getStatus().raw() == COMPLETE || group.getStatus().raw() == ERROR);
        return group;
    }

    private void assertComplete(BackgroundCopyGroup group, String path, Resource r) throws IOException {
        assertThat(group.getStatus().raw()).as("status of the group").isEqualTo(COMPLETE);
        assertThat(Entities.sha256(Files.readAllBytes(local(path)))).as("SHA-256 of the file").isEqualTo(r.sha256());
        assertThat(tempFiles()).isEmpty();
    }

    /** ERROR with the pair; nothing at the final path; the temp file goes with a cancel. */
    private void assertError(BackgroundCopyGroup group, String path, int win32, int transport) throws IOException {
        assertThat(group.getStatus().raw()).as("status of the group").isEqualTo(ERROR);
        JobStatus status = onlyJobStatus(group);
        assertThat(status.win32Result()).as("Win32 result").isEqualTo(win32);
        assertThat(status.transportResult()).as("transport result").isEqualTo(transport);
        assertThat(local(path)).doesNotExist();
        group.cancel();
        assertThat(tempFiles()).isEmpty();
        assertThat(local(path)).doesNotExist();
    }

    private static JobStatus onlyJobStatus(BackgroundCopyGroup group) {
        return EngineTestSupport.onlyJob(group).getStatus();
    }

    private Path local(String path) {
        return dir.resolve(path.substring(1));
    }

    private static long offset(RecordedRequest get) {
        return Long.parseLong(get.range().substring(6, get.range().length() - 1));
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("BIT.*\\.tmp")).toList();
        }
    }
}
