package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.qmgr.transport.jetty.internal.TestOrigin.Entity;

/** HTTP/2: prior-knowledge h2c, h2 negotiated by ALPN over TLS, HTTP/1.1 where asked for, back-pressure on a stream. */
class JettyTransportHttp2Test {

    private static final Entity FILE = new Entity(3L * 1024 * 1024 + 5, "\"h2\"", Instant.parse("2024-05-01T00:00:00Z"));
    private static final Entity BIG = new Entity(64L * 1024 * 1024, "\"big\"", Instant.parse("2024-01-01T00:00:00Z"));

    private static TestOrigin cleartext;
    private static TestOrigin tls;
    private static TestPki pki;
    private JettyTransport transport;

    @BeforeAll
    static void startOrigins() throws Exception {
        pki = TestPki.get();
        cleartext = new TestOrigin().route("/file", TestOrigin.entity(FILE, new AtomicLong()));
        tls = new TestOrigin(pki.server(pki.serverKeys, false)).route("/file", TestOrigin.entity(FILE, new AtomicLong()));
    }

    @AfterAll
    static void stopOrigins() throws Exception {
        cleartext.close();
        tls.close();
    }

    @AfterEach
    void deactivate() {
        if (transport != null) {
            transport.deactivate();
        }
    }

    @Test
    void h2cByPriorKnowledge() throws Exception {
        transport = new JettyTransport(TestConfig.defaults().set("http2Cleartext", "prior-knowledge"));

        assertThat(download(cleartext.url("/file"), 0)).isEqualTo(FILE.sha256(0));
        assertThat(download(cleartext.url("/file"), 1_000_000)).as("a ranged GET over h2c")
                .isEqualTo(FILE.sha256(1_000_000));
        assertThat(transport.probe(TransportRequest.of(cleartext.url("/file"))).contentLength()).isEqualTo(FILE.length());

        assertThat(last(cleartext.versions("/file"), 3)).containsOnly("HTTP/2.0");
        assertThat(last(cleartext.connections("/file"), 3)).as("multiplexed on one connection").hasSize(3)
                .containsOnly(last(cleartext.connections("/file"), 1).get(0));
    }

    @Test
    void h2cByUpgradeWhereTheOriginOffersIt() throws Exception {
        transport = new JettyTransport(TestConfig.defaults().set("http2Cleartext", "upgrade"));
        TestOrigin fresh = new TestOrigin().route("/file", TestOrigin.entity(FILE, new AtomicLong()));
        try {
            assertThat(transport.probe(TransportRequest.of(fresh.url("/file"))).contentLength())
                    .isEqualTo(FILE.length());
            assertThat(download(fresh.url("/file"), 0)).isEqualTo(FILE.sha256(0));
            assertThat(download(fresh.url("/file"), 99)).isEqualTo(FILE.sha256(99));

            assertThat(fresh.versions("/file")).containsExactly("HTTP/2.0", "HTTP/2.0", "HTTP/2.0");
            assertThat(fresh.connections("/file")).as("the upgraded connection is reused").hasSize(3)
                    .containsOnly(fresh.connections("/file").get(0));
        } finally {
            fresh.close();
        }
    }

    @Test
    void upgradeModeStaysOnHttp11WithAnOriginThatDoesNotOfferH2c() throws Exception {
        transport = new JettyTransport(TestConfig.defaults().set("http2Cleartext", "upgrade"));
        TestOrigin old = TestOrigin.http11Only().route("/file", TestOrigin.entity(FILE, new AtomicLong()));
        try {
            assertThat(download(old.url("/file"), 0)).isEqualTo(FILE.sha256(0));
            assertThat(download(old.url("/file"), 5)).isEqualTo(FILE.sha256(5));

            assertThat(old.versions("/file")).containsExactly("HTTP/1.1", "HTTP/1.1");
            assertThat(old.requests("/file")).extracting(h -> h.get(HttpHeader.UPGRADE))
                    .as("offered once, then not again").containsExactly("h2c", null);
        } finally {
            old.close();
        }
    }

    @Test
    void cleartextIsHttp11ByDefault() throws Exception {
        transport = new JettyTransport(TestConfig.defaults());

        assertThat(download(cleartext.url("/file"), 0)).isEqualTo(FILE.sha256(0));

        assertThat(last(cleartext.versions("/file"), 1)).containsExactly("HTTP/1.1");
    }

    @Test
    void h2OverTlsIsNegotiatedByAlpn() throws Exception {
        transport = new JettyTransport(pki.trusting(TestConfig.defaults()));

        assertThat(download(tls.url("/file"), 0)).isEqualTo(FILE.sha256(0));
        assertThat(download(tls.url("localhost", "/file"), 17)).isEqualTo(FILE.sha256(17));

        assertThat(last(tls.versions("/file"), 2)).containsOnly("HTTP/2.0");
    }

    @Test
    void http11OverTlsWhenHttp2IsOff() throws Exception {
        transport = new JettyTransport(pki.trusting(TestConfig.defaults()).set("http2", false));

        assertThat(download(tls.url("/file"), 0)).isEqualTo(FILE.sha256(0));

        assertThat(last(tls.versions("/file"), 1)).containsExactly("HTTP/1.1");
    }

    /** HTTP/2 cannot leave bytes in the socket: the stream's flow-control window is what holds the server back. */
    @Test
    void slowReaderHoldsAnHttp2ServerBack() throws Exception {
        transport = new JettyTransport(TestConfig.defaults().set("http2Cleartext", "prior-knowledge"));
        AtomicLong written = new AtomicLong();
        AtomicReference<Thread> writer = new AtomicReference<>();
        TestOrigin.Route entity = TestOrigin.entity(BIG, written);
        cleartext.route("/big-h2", (rq, rs) -> {
            writer.set(Thread.currentThread());
            entity.handle(rq, rs);
        });
        try (TransportResponse response = transport.open(TransportRequest.of(cleartext.url("/big-h2")))) {
            ByteBuffer buffer = ByteBuffer.allocate(1024 * 1024);
            while (buffer.hasRemaining()) {
                assertThat(response.read(buffer)).isPositive();
            }
            AtomicLong lastSeen = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(5)).until(() -> parked(writer.get())
                    && written.get() == lastSeen.getAndSet(written.get()));

            assertThat(written.get()).as("bytes the server managed to write")
                    .isLessThan(1024 * 1024 + 2L * Clients.H2_STREAM_WINDOW);

            long rest = 0;
            for (int n = response.read(buffer.clear()); n != -1; n = response.read(buffer.clear())) {
                rest += n;
            }
            assertThat(1024 * 1024 + rest).isEqualTo(BIG.length());
        }
        assertThat(last(cleartext.versions("/big-h2"), 1)).containsExactly("HTTP/2.0");
    }

    /**
     * The 256 KiB cap on response headers ({@link Clients#MAX_RESPONSE_HEADERS}) holds over HTTP/2 too: a server
     * that ignores the header list size the client announces and sends a 512 KiB block (HEADERS + CONTINUATION)
     * fails the request as a malformed response (12152), not by a read timeout (30 s here, which would say
     * TIMEOUT) and not by buffering without end.
     */
    @Test
    void http2ResponseHeadersBeyondTheCapAreAnInvalidResponse() throws Exception {
        transport = new JettyTransport(TestConfig.defaults().set("http2Cleartext", "prior-knowledge").readTimeout(30));
        try (RawH2cOrigin raw = new RawH2cOrigin().serveHeaders(512 * 1024)) {
            assertThatThrownBy(() -> transport.open(TransportRequest.of(raw.url())).close())
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.INVALID_RESPONSE));
        }
    }

    /**
     * The control: a 160 KiB block (ten frames; about 200 KiB as the cap counts, RFC 7541 §4.1) is within the cap,
     * and the body after it is read. At 240 KiB (about 300 KiB counted) the same origin is refused.
     */
    @Test
    void http2ResponseHeadersWithinTheCapAreRead() throws Exception {
        transport = new JettyTransport(TestConfig.defaults().set("http2Cleartext", "prior-knowledge").readTimeout(30));
        try (RawH2cOrigin raw = new RawH2cOrigin().serveHeaders(160 * 1024);
             TransportResponse response = transport.open(TransportRequest.of(raw.url()))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            for (int n = response.read(buffer); n != -1; n = response.read(buffer.clear())) {
                body.write(buffer.array(), 0, n);
            }
            assertThat(body.toByteArray()).isEqualTo(RawH2cOrigin.BODY);
        }
    }

    private byte[] download(String url, long offset) throws Exception {
        TransportRequest request = TransportRequest.of(url).withRange(offset, offset > 0 ? "\"h2\"" : null);
        try (TransportResponse response = transport.open(request)) {
            assertThat(response.info().rangeStart()).isEqualTo(offset);
            return JettyTransportTest.sha256(response);
        }
    }

    private static List<String> last(List<String> values, int n) {
        return values.subList(values.size() - n, values.size());
    }

    private static boolean parked(Thread thread) {
        return thread != null
                && (thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
    }
}
