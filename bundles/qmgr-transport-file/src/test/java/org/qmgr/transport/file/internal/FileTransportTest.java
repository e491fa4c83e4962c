package org.qmgr.transport.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;

/** The file transport against real files: HTTP-like answers for whole, ranged and stale requests, and failures. */
class FileTransportTest {

    private static final int SIZE = 1024 * 1024 + 17;

    @TempDir
    Path dir;

    private final FileTransport transport = new FileTransport(TestConfig.defaults().buffer(16 * 1024), false);

    @Test
    void probeReportsSizeTimeAndAStrongValidatorLikeAHead() throws Exception {
        Path file = write("a.bin", content(1, SIZE));

        ResponseInfo info = transport.probe(TransportRequest.of(url(file)));

        assertThat(info.status()).isEqualTo(200);
        assertThat(info.contentLength()).isEqualTo(SIZE);
        assertThat(info.entityLength()).isEqualTo(SIZE);
        assertThat(info.rangeStart()).isZero();
        assertThat(info.hasStrongEtag()).isTrue();
        assertThat(info.lastModified()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
        assertThat(info.acceptsRanges()).isTrue();
    }

    @Test
    void openFromZeroStreamsTheWholeFileInBufferSizedReads() throws Exception {
        byte[] body = content(2, SIZE);
        Path file = write("b.bin", body);

        try (TransportResponse response = transport.open(TransportRequest.of(url(file)))) {
            assertThat(response.info().status()).isEqualTo(200);
            assertThat(response.info().contentLength()).isEqualTo(SIZE);
            ByteBuffer dst = ByteBuffer.allocate(64 * 1024);
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            int n;
            while ((n = response.read(dst.clear())) > 0) {
                assertThat(n).isLessThanOrEqualTo(16 * 1024);
                read.write(dst.array(), 0, n);
            }
            assertThat(n).isEqualTo(-1);
            assertThat(response.read(dst.clear())).isEqualTo(-1);
            assertThat(read.toByteArray()).isEqualTo(body);
        }
    }

    @Test
    void aDirectDestinationIsFilledInPlaceOneBufferAtATime() throws Exception {
        byte[] body = content(3, 100_000);
        Path file = write("direct.bin", body);

        try (TransportResponse response = transport.open(TransportRequest.of(url(file)))) {
            ByteBuffer dst = ByteBuffer.allocateDirect(64 * 1024).position(10);
            assertThat(response.read(dst)).isEqualTo(16 * 1024);
            assertThat(dst.position()).isEqualTo(10 + 16 * 1024);
            byte[] first = new byte[16 * 1024];
            dst.flip().position(10);
            dst.get(first);
            assertThat(first).isEqualTo(Arrays.copyOf(body, 16 * 1024));
            byte[] rest = readAll(response, ByteBuffer.allocateDirect(10_000));
            assertThat(rest).isEqualTo(Arrays.copyOfRange(body, 16 * 1024, body.length));
        }
    }

    @Test
    void aRangeWithTheCurrentValidatorAnswers206FromTheOffset() throws Exception {
        byte[] body = content(4, SIZE);
        Path file = write("c.bin", body);
        String etag = transport.probe(TransportRequest.of(url(file))).etag();

        try (TransportResponse response = transport.open(TransportRequest.of(url(file)).withRange(300_001, etag))) {
            ResponseInfo info = response.info();
            assertThat(info.status()).isEqualTo(206);
            assertThat(info.rangeStart()).isEqualTo(300_001);
            assertThat(info.contentLength()).isEqualTo(SIZE - 300_001);
            assertThat(info.entityLength()).isEqualTo(SIZE);
            assertThat(info.etag()).isEqualTo(etag);
            assertThat(readAll(response)).isEqualTo(Arrays.copyOfRange(body, 300_001, SIZE));
        }
    }

    @Test
    void aRangeWithoutIfRangeIsServedUnconditionallyAsInHttp() throws Exception {
        byte[] body = content(5, 5000);
        Path file = write("d.bin", body);

        try (TransportResponse response = transport.open(TransportRequest.of(url(file)).withRange(1000, null))) {
            assertThat(response.info().status()).isEqualTo(206);
            assertThat(readAll(response)).isEqualTo(Arrays.copyOfRange(body, 1000, 5000));
        }
    }

    @Test
    void aSourceRewrittenSinceTheValidatorIsSentWholeFromZero() throws Exception {
        Path file = write("e.bin", content(6, SIZE));
        String etag = transport.probe(TransportRequest.of(url(file))).etag();
        byte[] changed = content(7, SIZE);
        Files.write(file, changed);
        // Explicit, so a coarse file-system clock cannot hide the rewrite from this test.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));

        try (TransportResponse response = transport.open(TransportRequest.of(url(file)).withRange(4096, etag))) {
            assertThat(response.info().status()).isEqualTo(200);
            assertThat(response.info().rangeStart()).isZero();
            assertThat(response.info().contentLength()).isEqualTo(SIZE);
            assertThat(response.info().etag()).isNotEqualTo(etag);
            assertThat(readAll(response)).isEqualTo(changed);
        }
    }

    @Test
    void aSourceReplacedByRenameWithTheSameSizeAndTimeIsSentWhole() throws Exception {
        Path file = write("f.bin", content(8, 10_000));
        ResponseInfo before = transport.probe(TransportRequest.of(url(file)));
        assumeTrue(Files.readAttributes(file, "basic:fileKey").get("fileKey") != null,
                "this file system has no file keys (inodes)");
        byte[] replacement = content(9, 10_000);
        Path staged = write("f.staged", replacement);
        Files.setLastModifiedTime(staged, Files.getLastModifiedTime(file));
        Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        try (TransportResponse response = transport.open(
                TransportRequest.of(url(file)).withRange(5000, before.etag()))) {
            assertThat(response.info().status()).isEqualTo(200);
            assertThat(response.info().lastModified()).isEqualTo(before.lastModified());
            assertThat(readAll(response)).isEqualTo(replacement);
        }
    }

    @Test
    void anIfRangeDateMatchesTheModificationTimeToTheSecond() throws Exception {
        byte[] body = content(10, 3000);
        Path file = write("g.bin", body);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-06T07:08:09.250Z")));
        String same = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse("2024-05-06T07:08:09Z")
                .atZone(ZoneOffset.UTC));
        String other = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse("2024-05-06T07:08:10Z")
                .atZone(ZoneOffset.UTC));

        assertThat(statusOfRange(file, 100, same)).isEqualTo(206);
        assertThat(statusOfRange(file, 100, other)).isEqualTo(200);
        assertThat(statusOfRange(file, 100, "not a date")).isEqualTo(200);
        assertThat(statusOfRange(file, 100, "W/\"weak\"")).isEqualTo(200);
    }

    @Test
    void aRangeAtOrBeyondTheEndIsSentWhole() throws Exception {
        Path file = write("h.bin", content(11, 2000));
        String etag = transport.probe(TransportRequest.of(url(file))).etag();

        assertThat(statusOfRange(file, 2000, etag)).isEqualTo(200);
        assertThat(statusOfRange(file, 5000, null)).isEqualTo(200);
    }

    @Test
    void anEmptyFileIsAnEmptyBody() throws Exception {
        Path file = write("empty", new byte[0]);

        try (TransportResponse response = transport.open(TransportRequest.of(url(file)))) {
            assertThat(response.info().contentLength()).isZero();
            assertThat(response.read(ByteBuffer.allocate(10))).isEqualTo(-1);
        }
    }

    @Test
    void aMissingFileIsAPermanentNotFound() {
        String url = url(dir.resolve("missing.bin"));

        assertStatus(() -> transport.open(TransportRequest.of(url)), 404, "no such file");
        assertStatus(() -> transport.probe(TransportRequest.of(url)), 404, "no such file");
    }

    @Test
    void aPathThroughAFileIsNotFound() throws Exception {
        Path file = write("plain", content(12, 10));

        assertStatus(() -> transport.open(TransportRequest.of(url(file.resolve("below")))), 404, "no such file");
    }

    @Test
    void aDirectoryIsRefusedPermanentlyWithAClearMessage() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));

        assertStatus(() -> transport.open(TransportRequest.of(url(sub))), 403, "is a directory, not a file");
    }

    @Test
    void aDeviceIsRefusedAsNotARegularFile() {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device) && !Files.isRegularFile(device), "no /dev/null device on this system");

        assertStatus(() -> transport.probe(TransportRequest.of("file:///dev/null")), 403, "not a regular file");
    }

    /** Skipped when the tests run as root: chmod does not deny root a read. */
    @Test
    void anUnreadableFileIsRefusedPermanently() throws Exception {
        Path file = write("secret", content(13, 100));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: file permissions do not deny reads");

        assertStatus(() -> transport.probe(TransportRequest.of(url(file))), 403, "permission denied");
        assertStatus(() -> transport.open(TransportRequest.of(url(file))), 403, "permission denied");
    }

    /** The mapping behind the test above, which also runs as root. */
    @Test
    void accessDeniedMapsToAPermanent403() {
        Path file = dir.resolve("x");

        TransportException e = Failures.of(new AccessDeniedException(file.toString()), file, url(file));

        assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("permission denied reading " + file);
    }

    @Test
    void urlsThisSystemCannotReadAreUnsupported() {
        assertKind(() -> transport.open(TransportRequest.of("file://fileserver/share/f.bin")), Kind.UNSUPPORTED);
        assertKind(() -> transport.probe(TransportRequest.of("http://h/f")), Kind.UNSUPPORTED);
    }

    private int statusOfRange(Path file, long offset, String ifRange) throws Exception {
        try (TransportResponse response = transport.open(TransportRequest.of(url(file)).withRange(offset, ifRange))) {
            return response.info().status();
        }
    }

    private Path write(String name, byte[] body) throws Exception {
        return Files.write(dir.resolve(name), body);
    }

    static String url(Path file) {
        return file.toUri().toString();
    }

    static byte[] content(long seed, int size) {
        byte[] data = new byte[size];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    static byte[] readAll(TransportResponse response) throws TransportException {
        return readAll(response, ByteBuffer.allocate(8192));
    }

    static byte[] readAll(TransportResponse response, ByteBuffer dst) throws TransportException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[dst.capacity()];
        int n;
        while ((n = response.read(dst.clear())) >= 0) {
            dst.flip().get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    static void assertStatus(ThrowingCall call, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.getMessage()).contains(message).doesNotContain("\n");
        });
    }

    static void assertKind(ThrowingCall call, Kind kind) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }

    /** A transport call, for assertions on what it throws. */
    @FunctionalInterface
    interface ThrowingCall {
        Object run() throws Exception;
    }
}
