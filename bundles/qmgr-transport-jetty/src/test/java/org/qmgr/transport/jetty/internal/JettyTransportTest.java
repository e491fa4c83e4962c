package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.qmgr.transport.jetty.internal.TestOrigin.Entity;

/** Probes, whole and ranged GETs, error statuses and redirects against an in-process Jetty origin. */
class JettyTransportTest {

    private static final Entity FILE = new Entity(5L * 1024 * 1024 + 17, "\"v1\"",
            Instant.parse("2024-03-01T10:15:30Z"));

    private static TestOrigin origin;
    private JettyTransport transport;

    @BeforeAll
    static void startOrigin() throws Exception {
        origin = new TestOrigin()
                .route("/file", TestOrigin.entity(FILE, new AtomicLong()))
                .route("/hop1", TestOrigin.redirect(301, "/hop2"))
                .route("/hop2", (rq, rs) -> TestOrigin.redirect(307, origin.url("/hop3")).handle(rq, rs))
                .route("/hop3", TestOrigin.redirect(302, "file"))
                .route("/loop", TestOrigin.redirect(302, "/loop"))
                .route("/busy", (rq, rs) -> {
                    rs.setStatus(503);
                    rs.getHeaders().put(HttpHeader.RETRY_AFTER, "3");
                    rs.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
                })
                .route("/wrong-range", (rq, rs) -> {
                    rs.setStatus(206);
                    rs.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes 0-9/10");
                    rs.getHeaders().put(HttpHeader.CONTENT_LENGTH, 10);
                    org.eclipse.jetty.io.Content.Sink.write(rs, true, ByteBuffer.allocate(10));
                });
    }

    @AfterAll
    static void stopOrigin() throws Exception {
        origin.close();
    }

    @BeforeEach
    void activate() {
        transport = new JettyTransport(TestConfig.defaults());
    }

    @AfterEach
    void deactivate() {
        transport.deactivate();
    }

    @Test
    void fullGetStreamsTheWholeEntity() throws Exception {
        try (TransportResponse response = transport.open(TransportRequest.of(origin.url("/file")))) {
            ResponseInfo info = response.info();
            assertThat(info.status()).isEqualTo(200);
            assertThat(info.partial()).isFalse();
            assertThat(info.contentLength()).isEqualTo(FILE.length());
            assertThat(info.entityLength()).isEqualTo(FILE.length());
            assertThat(info.rangeStart()).isZero();
            assertThat(sha256(response)).isEqualTo(FILE.sha256(0));
        }
    }

    @Test
    void concurrentTransfersShareOneTransport() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> digests = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long offset = i * 100_000L;
                digests.add(pool.submit(() -> {
                    TransportRequest request = TransportRequest.of(origin.url("/file")).withRange(offset, "\"v1\"");
                    try (TransportResponse response = transport.open(request)) {
                        return sha256(response);
                    }
                }));
            }
            for (int i = 0; i < 4; i++) {
                assertThat(digests.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(FILE.sha256(i * 100_000L));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void headProbeGivesSizeAndValidators() throws Exception {
        ResponseInfo info = transport.probe(TransportRequest.of(origin.url("/file")));

        assertThat(info.status()).isEqualTo(200);
        assertThat(info.contentLength()).isEqualTo(FILE.length());
        assertThat(info.entityLength()).isEqualTo(FILE.length());
        assertThat(info.etag()).isEqualTo("\"v1\"");
        assertThat(info.hasStrongEtag()).isTrue();
        assertThat(info.lastModified()).isEqualTo(FILE.lastModified());
        assertThat(info.acceptsRanges()).isTrue();
        HttpFields sent = last(origin.requests("/file"));
        assertThat(sent.get(HttpHeader.USER_AGENT)).startsWith("qmgr/");
        assertThat(sent.contains(HttpHeader.ACCEPT_ENCODING)).as("no transparent compression").isFalse();
        assertThat(sent.contains(HttpHeader.RANGE)).isFalse();
    }

    @Test
    void rangedGetResumesAtTheOffset() throws Exception {
        long offset = 1_000_003;
        TransportRequest request = TransportRequest.of(origin.url("/file")).withRange(offset, "\"v1\"");
        try (TransportResponse response = transport.open(request)) {
            ResponseInfo info = response.info();
            assertThat(info.status()).isEqualTo(206);
            assertThat(info.partial()).isTrue();
            assertThat(info.rangeStart()).isEqualTo(offset);
            assertThat(info.entityLength()).isEqualTo(FILE.length());
            assertThat(info.contentLength()).isEqualTo(FILE.length() - offset);
            assertThat(sha256(response)).isEqualTo(FILE.sha256(offset));
        }
        HttpFields sent = last(origin.requests("/file"));
        assertThat(sent.get(HttpHeader.RANGE)).isEqualTo("bytes=" + offset + "-");
        assertThat(sent.get(HttpHeader.IF_RANGE)).isEqualTo("\"v1\"");
    }

    @Test
    void extraHeadersGoWithTheProbeAndEveryRedirectHop() throws Exception {
        TransportRequest request = new TransportRequest(origin.url("/hop1"), 0, null, null,
                Map.of("X-Qmgr-Token", "t0k3n", "Cookie", "a=1"));

        transport.probe(request);

        for (String path : List.of("/hop1", "/hop2", "/hop3", "/file")) {
            HttpFields sent = last(origin.requests(path));
            assertThat(sent.get("X-Qmgr-Token")).as(path).isEqualTo("t0k3n");
            assertThat(sent.get(HttpHeader.COOKIE)).as(path).isEqualTo("a=1");
        }
    }

    @Test
    void extraHeadersGoWithARangedGetWhoseRangeIsTheTransports() throws Exception {
        long offset = 4099;
        TransportRequest request = new TransportRequest(origin.url("/file"), offset, "\"v1\"", null,
                Map.of("X-Qmgr-Token", "t0k3n", "User-Agent", "custom/1.0", "Range", "bytes=0-0",
                        "If-Range", "\"other\""));
        try (TransportResponse response = transport.open(request)) {
            assertThat(response.info().rangeStart()).isEqualTo(offset);
            assertThat(sha256(response)).isEqualTo(FILE.sha256(offset));
        }

        HttpFields sent = last(origin.requests("/file"));
        assertThat(sent.get("X-Qmgr-Token")).isEqualTo("t0k3n");
        assertThat(sent.get(HttpHeader.USER_AGENT)).as("an extra replaces the default").isEqualTo("custom/1.0");
        assertThat(sent.getValuesList(HttpHeader.RANGE)).containsExactly("bytes=" + offset + "-");
        assertThat(sent.getValuesList(HttpHeader.IF_RANGE)).containsExactly("\"v1\"");
    }

    @Test
    void ifRangeMismatchGivesTheWholeEntity() throws Exception {
        TransportRequest request = TransportRequest.of(origin.url("/file")).withRange(4096, "\"v0\"");
        try (TransportResponse response = transport.open(request)) {
            assertThat(response.info().status()).isEqualTo(200);
            assertThat(response.info().partial()).isFalse();
            assertThat(response.info().rangeStart()).isZero();
            assertThat(sha256(response)).isEqualTo(FILE.sha256(0));
        }
    }

    @Test
    void partialContentStartingElsewhereIsInvalid() {
        TransportRequest request = TransportRequest.of(origin.url("/wrong-range")).withRange(5, null);
        assertThatThrownBy(() -> transport.open(request))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_RESPONSE));
    }

    @Test
    void notFoundIsAnHttpStatus() {
        assertThatThrownBy(() -> transport.open(TransportRequest.of(origin.url("/missing"))))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.retryAfter()).isNull();
                });
    }

    @Test
    void serviceUnavailableCarriesRetryAfter() {
        assertThatThrownBy(() -> transport.probe(TransportRequest.of(origin.url("/busy"))))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void followsAChainOfThreeRedirects() throws Exception {
        int before = origin.requests("/hop1").size();
        assertThat(transport.probe(TransportRequest.of(origin.url("/hop1"))).contentLength())
                .isEqualTo(FILE.length());
        try (TransportResponse response = transport.open(TransportRequest.of(origin.url("/hop1")))) {
            assertThat(response.info().status()).isEqualTo(200);
            assertThat(sha256(response)).isEqualTo(FILE.sha256(0));
        }
        assertThat(origin.requests("/hop1")).as("each call starts from the original URL").hasSize(before + 2);
    }

    @Test
    void redirectLoopIsTooManyRedirects() {
        int before = origin.requests("/loop").size();
        assertThatThrownBy(() -> transport.open(TransportRequest.of(origin.url("/loop"))))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
                    assertThat(e.httpStatus()).isEqualTo(302);
                });
        assertThat(origin.requests("/loop")).hasSize(before + 11);
    }

    @Test
    void unsupportedUrlsAreRejectedBeforeAnyRequest() {
        for (String url : new String[] {"ftp://127.0.0.1/x", "http://exa mple/", "http:///nohost", "file:/etc/hosts"}) {
            assertThatThrownBy(() -> transport.open(TransportRequest.of(url)))
                    .as(url)
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED));
        }
    }

    private static HttpFields last(List<HttpFields> requests) {
        return requests.get(requests.size() - 1);
    }

    static byte[] sha256(TransportResponse response) throws TransportException {
        MessageDigest digest = Entity.sha256();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        for (int n = response.read(buffer); n != -1; n = response.read(buffer)) {
            assertThat(n).isPositive();
            buffer.flip();
            digest.update(buffer);
            buffer.clear();
        }
        return digest.digest();
    }
}
