package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.qmgr.transport.jetty.internal.TestOrigin.Entity;

/** A configuration change ({@code @Modified}) applies to new requests without breaking transfers in flight. */
class JettyTransportReconfigureTest {

    private static final Entity FILE = new Entity(8L * 1024 * 1024, "\"r\"", Instant.parse("2024-06-01T00:00:00Z"));

    private static TestOrigin origin;
    private JettyTransport transport;

    @BeforeAll
    static void startOrigin() throws Exception {
        origin = new TestOrigin().route("/f", TestOrigin.entity(FILE, new AtomicLong()));
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
    void aChangeBetweenTwoDownloadsTakesEffect() throws Exception {
        download();
        assertThat(lastHeaders().get(HttpHeader.USER_AGENT)).startsWith("qmgr/");
        assertThat(last(origin.versions("/f"))).isEqualTo("HTTP/1.1");

        transport.modified(TestConfig.defaults().set("userAgent", "changed/2").set("http2Cleartext", "prior-knowledge"));
        download();

        assertThat(lastHeaders().get(HttpHeader.USER_AGENT)).isEqualTo("changed/2");
        assertThat(last(origin.versions("/f"))).isEqualTo("HTTP/2.0");
    }

    @Test
    void aTransferInFlightFinishesOnThePreviousClientWhichThenStops() throws Exception {
        HttpClient before = transport.client();
        MessageDigest digest = Entity.sha256();
        try (TransportResponse response = transport.open(TransportRequest.of(origin.url("/f")))) {
            read(response, digest, 1024 * 1024);

            transport.modified(TestConfig.defaults().set("userAgent", "changed/3"));

            assertThat(transport.client()).isNotSameAs(before);
            assertThat(before.isRunning()).as("kept for the transfer in flight").isTrue();
            read(response, digest, Long.MAX_VALUE);
            assertThat(digest.digest()).isEqualTo(FILE.sha256(0));
        }
        await().atMost(Duration.ofSeconds(5)).until(before::isStopped);
    }

    @Test
    void afterTheGracePeriodTransfersStillInFlightFailAndCanBeRetried() throws Exception {
        HttpClient before = transport.client();
        try (TransportResponse response = transport.open(TransportRequest.of(origin.url("/f")))) {
            read(response, Entity.sha256(), 1024 * 1024);

            transport.modified(TestConfig.defaults().set("reconfigureGraceSeconds", 0));
            await().atMost(Duration.ofSeconds(5)).until(before::isStopped);

            assertThatThrownBy(() -> read(response, Entity.sha256(), Long.MAX_VALUE))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).as(e.toString()).isEqualTo(Kind.CONNECTION_ABORTED));
        }
        download();
    }

    @Test
    void aBadChangeIsRefusedAndThePreviousConfigurationStays() throws Exception {
        HttpClient before = transport.client();

        assertThatThrownBy(() -> transport.modified(TestConfig.defaults().set("proxy_type", "socks4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("org.qmgr.transport.jetty: proxy.type = 'socks4' is not one of none, http, socks5");

        assertThat(transport.client()).isSameAs(before);
        download();
    }

    private void download() throws Exception {
        try (TransportResponse response = transport.open(TransportRequest.of(origin.url("/f")))) {
            assertThat(JettyTransportTest.sha256(response)).isEqualTo(FILE.sha256(0));
        }
    }

    /** Reads up to {@code limit} bytes (or to the end) into {@code digest}. */
    private static void read(TransportResponse response, MessageDigest digest, long limit) throws TransportException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        while (total < limit) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), limit - total));
            int n = response.read(buffer);
            if (n == -1) {
                return;
            }
            digest.update(buffer.flip());
            total += n;
        }
    }

    private static HttpFields lastHeaders() {
        List<HttpFields> all = origin.requests("/f");
        return all.get(all.size() - 1);
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }
}
