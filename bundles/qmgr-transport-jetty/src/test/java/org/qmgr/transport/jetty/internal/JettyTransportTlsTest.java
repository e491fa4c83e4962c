package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.qmgr.transport.jetty.internal.TestOrigin.Entity;

/** TLS with a test CA: configured trust and client certificate, host name verification, store errors. */
class JettyTransportTlsTest {

    private static final Entity FILE = new Entity(200_000, "\"tls\"", Instant.parse("2024-02-01T00:00:00Z"));

    private static TestPki pki;
    private static TestOrigin mutual;
    private static TestOrigin wrongHost;
    private JettyTransport transport;

    @BeforeAll
    static void startOrigins() throws Exception {
        pki = TestPki.get();
        mutual = new TestOrigin(pki.server(pki.serverKeys, true)).route("/f", TestOrigin.entity(FILE, new AtomicLong()));
        wrongHost = new TestOrigin(pki.server(pki.wrongHostKeys, false))
                .route("/f", TestOrigin.entity(FILE, new AtomicLong()));
    }

    @AfterAll
    static void stopOrigins() throws Exception {
        mutual.close();
        wrongHost.close();
    }

    @AfterEach
    void deactivate() {
        if (transport != null) {
            transport.deactivate();
        }
    }

    @Test
    void configuredTrustStoreAndClientCertificateOpenAServerRequiringOne() throws Exception {
        transport = new JettyTransport(pki.withClientCertificate(pki.trusting(TestConfig.defaults())));

        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            try (TransportResponse response = transport.open(TransportRequest.of(mutual.url(host, "/f")))) {
                assertThat(JettyTransportTest.sha256(response)).as(host).isEqualTo(FILE.sha256(0));
            }
        }
    }

    /** Over h2 (the alert comes after the client's TLS 1.3 handshake, see TlsAlerts) and over HTTP/1.1. */
    @Test
    void withoutAClientCertificateTheServerRefusesTheHandshake() {
        for (boolean http2 : new boolean[] {true, false}) {
            transport = new JettyTransport(pki.trusting(TestConfig.defaults()).set("http2", http2));

            assertThatThrownBy(() -> transport.open(TransportRequest.of(mutual.url("/f"))))
                    .as("http2 " + http2)
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).as(e.toString()).isEqualTo(Kind.SECURE_FAILURE);
                        assertThat(e.getMessage()).contains("SSLHandshakeException");
                    });
            transport.deactivate();
        }
        transport = null;
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        transport = new JettyTransport(pki.trusting(TestConfig.defaults()));

        assertThatThrownBy(() -> transport.probe(TransportRequest.of(wrongHost.url("/f"))))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SECURE_FAILURE);
                    assertThat(e.getMessage()).startsWith("TLS failure on " + wrongHost.url("/f"))
                            .contains("127.0.0.1");
                });
        assertThat(wrongHost.requests("/f")).as("no request reached the impostor").isEmpty();
    }

    @Test
    void theJvmTrustStoreDoesNotTrustTheTestCa() {
        transport = new JettyTransport(pki.withClientCertificate(TestConfig.defaults()));

        assertThatThrownBy(() -> transport.probe(TransportRequest.of(mutual.url("/f"))))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.kind()).as(e.toString()).isEqualTo(Kind.SECURE_FAILURE));
    }

    @Test
    void storesThatCannotBeReadAreConfigurationErrors() {
        assertThatThrownBy(() -> new JettyTransport(TestConfig.defaults().set("tls_trustStore", "/nonexistent/t.p12")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("org.qmgr.transport.jetty: tls.trustStore = '/nonexistent/t.p12' is not a readable file");
        assertThatThrownBy(() -> new JettyTransport(pki.withClientCertificate(TestConfig.defaults())
                .set("_tls_keyStorePassword", "wrong")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("org.qmgr.transport.jetty: tls.keyStore = '" + pki.clientKeys + "' cannot be read")
                .hasMessageNotContaining("wrong");
    }
}
