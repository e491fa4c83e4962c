package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.qmgr.transport.jetty.internal.TestOrigin.Entity;

/** HTTP and SOCKS5 proxies from configuration, against in-process proxy servers. */
class JettyTransportProxyTest {

    private static final Entity FILE = new Entity(300_000, "\"p\"", Instant.parse("2024-04-01T00:00:00Z"));
    private static final String PROXY_USER = "proxy-user";
    private static final String PROXY_PASSWORD = "proxy-pw";
    private static final String SOCKS_USER = "sockä-user";
    private static final String SOCKS_PASSWORD = "s3cret-sockß";
    private static final String WRONG_PASSWORD = "wrong-pässword-42";

    private static TestOrigin origin;
    private static TestOrigin tlsOrigin;
    private static TestPki pki;
    private static ForwardProxy proxy;
    private static ForwardProxy authProxy;
    private static TestSocks5Server socks;
    private static TestSocks5Server authSocks;
    private JettyTransport transport;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.get();
        origin = new TestOrigin().route("/f", TestOrigin.entity(FILE, new AtomicLong()));
        tlsOrigin = new TestOrigin(pki.server(pki.serverKeys, false)).route("/f", TestOrigin.entity(FILE, new AtomicLong()));
        proxy = new ForwardProxy(false);
        authProxy = new ForwardProxy(true);
        socks = new TestSocks5Server();
        authSocks = new TestSocks5Server(SOCKS_USER, SOCKS_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        origin.close();
        tlsOrigin.close();
        proxy.close();
        authProxy.close();
        socks.close();
        authSocks.close();
    }

    @AfterEach
    void deactivate() {
        if (transport != null) {
            transport.deactivate();
        }
    }

    @Test
    void httpGoesThroughTheHttpProxy() throws Exception {
        transport = new JettyTransport(viaHttp(proxy).set("http2Cleartext", "prior-knowledge"));

        // h2c is on, yet the proxy (HTTP/1.1 only) gets an absolute-form HTTP/1.1 request, not the h2c preface.
        assertThat(download(origin.url("/f"))).isEqualTo(FILE.sha256(0));

        assertThat(proxy.seen).contains("GET " + origin.url("/f") + " HTTP/1.1");
        assertThat(HttpHeaderView.last(origin).via()).as("the origin got it from the proxy").isNotNull();
    }

    @Test
    void httpsGoesThroughAConnectTunnelAndStillNegotiatesHttp2() throws Exception {
        transport = new JettyTransport(pki.trusting(viaHttp(proxy)));

        assertThat(download(tlsOrigin.url("/f"))).isEqualTo(FILE.sha256(0));

        assertThat(proxy.seen).anyMatch(s -> s.startsWith("CONNECT ") && s.contains("127.0.0.1:" + tlsOrigin.port()));
        assertThat(tlsOrigin.versions("/f")).last().isEqualTo("HTTP/2.0");
    }

    @Test
    void nonProxyHostsAreReachedDirectly() throws Exception {
        transport = new JettyTransport(viaHttp(proxy).set("proxy_nonProxyHosts", new String[] {"LOCAL*", "*.example"}));
        int before = proxy.seen.size();

        assertThat(download(origin.url("localhost", "/f"))).isEqualTo(FILE.sha256(0));

        assertThat(proxy.seen).hasSize(before);
        assertThat(HttpHeaderView.last(origin).via()).isNull();
    }

    @Test
    void proxyCredentialsAreSentAsBasic() throws Exception {
        transport = new JettyTransport(viaHttp(authProxy).set("proxy_user", PROXY_USER)
                .set("_proxy_password", PROXY_PASSWORD));

        assertThat(download(origin.url("/f"))).isEqualTo(FILE.sha256(0));

        assertThat(authProxy.seen).contains("GET " + origin.url("/f") + " HTTP/1.1");
        assertThat(HttpHeaderView.last(origin).proxyAuthorization()).as("hop-by-hop: not forwarded").isNull();
    }

    @Test
    void withoutCredentialsAnAuthenticatingProxyAnswers407() {
        transport = new JettyTransport(viaHttp(authProxy));

        assertThatThrownBy(() -> download(origin.url("/f")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.httpStatus()).isEqualTo(407);
                });
    }

    @Test
    void socks5ProxyCarriesTheConnection() throws Exception {
        transport = new JettyTransport(viaSocks(socks));

        assertThat(download(origin.url("/f"))).isEqualTo(FILE.sha256(0));

        assertThat(socks.targets()).contains("127.0.0.1:" + origin.port());
    }

    @Test
    void httpsThroughSocks5StillNegotiatesHttp2ByAlpn() throws Exception {
        transport = new JettyTransport(pki.trusting(viaSocks(socks)));

        assertThat(download(tlsOrigin.url("/f"))).isEqualTo(FILE.sha256(0));

        assertThat(socks.targets()).contains("127.0.0.1:" + tlsOrigin.port());
        assertThat(tlsOrigin.versions("/f")).last().isEqualTo("HTTP/2.0");
    }

    @Test
    void httpsThroughSocks5WithHttp2OffSpeaksHttp11() throws Exception {
        transport = new JettyTransport(pki.trusting(viaSocks(socks)).set("http2", false));

        assertThat(download(tlsOrigin.url("/f"))).isEqualTo(FILE.sha256(0));

        assertThat(tlsOrigin.versions("/f")).last().isEqualTo("HTTP/1.1");
    }

    @Test
    void socks5WithTheRightUserAndPasswordCarriesTheConnection() throws Exception {
        transport = new JettyTransport(pki.trusting(viaSocks(authSocks).set("proxy_user", SOCKS_USER)
                .set("_proxy_password", SOCKS_PASSWORD)));
        int before = authSocks.targets().size();
        int attempts = authSocks.attempts().size();

        assertThat(download(origin.url("/f"))).isEqualTo(FILE.sha256(0));
        assertThat(download(tlsOrigin.url("/f"))).isEqualTo(FILE.sha256(0));

        assertThat(authSocks.attempts().subList(attempts, authSocks.attempts().size())).hasSize(2).allSatisfy(a -> {
            assertThat(a.user()).as("sent in UTF-8").isEqualTo(SOCKS_USER);
            assertThat(a.password()).isEqualTo(SOCKS_PASSWORD);
            assertThat(a.accepted()).isTrue();
        });
        assertThat(authSocks.targets().subList(before, authSocks.targets().size()))
                .containsExactly("127.0.0.1:" + origin.port(), "127.0.0.1:" + tlsOrigin.port());
        assertThat(tlsOrigin.versions("/f")).last().isEqualTo("HTTP/2.0");
    }

    @Test
    void socks5CredentialsAreNotNeededByAProxyThatAsksForNone() throws Exception {
        transport = new JettyTransport(viaSocks(socks).set("proxy_user", SOCKS_USER)
                .set("_proxy_password", SOCKS_PASSWORD));

        assertThat(download(origin.url("/f"))).isEqualTo(FILE.sha256(0));

        assertThat(socks.attempts()).isEmpty();
    }

    @Test
    void socks5WithAWrongPasswordFailsAs407WithoutRevealingIt() {
        transport = new JettyTransport(viaSocks(authSocks).set("proxy_user", SOCKS_USER)
                .set("_proxy_password", WRONG_PASSWORD));
        int targets = authSocks.targets().size();

        assertThatThrownBy(() -> download(origin.url("/f")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.httpStatus()).isEqualTo(407);
                    assertThat(e.getMessage()).contains("SOCKS5 proxy 127.0.0.1:" + authSocks.port())
                            .contains("'" + SOCKS_USER + "'").contains("RFC 1929").contains(origin.url("/f"));
                    assertThat(everything(e)).doesNotContain(WRONG_PASSWORD).doesNotContain(SOCKS_PASSWORD);
                });
        assertThat(authSocks.attempts()).last().satisfies(a -> {
            assertThat(a.password()).as("the server got the wrong one").isEqualTo(WRONG_PASSWORD);
            assertThat(a.accepted()).isFalse();
        });
        assertThat(authSocks.targets()).as("no CONNECT after a refusal").hasSize(targets);
    }

    @Test
    void socks5WithoutCredentialsFailsAs407WhenTheProxyWantsThem() {
        transport = new JettyTransport(viaSocks(authSocks));
        int attempts = authSocks.attempts().size();

        assertThatThrownBy(() -> download(origin.url("/f")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                    assertThat(e.httpStatus()).isEqualTo(407);
                    assertThat(e.getMessage()).contains("SOCKS5 proxy accepts none of the authentication methods")
                            .contains("proxy.user");
                });
        assertThat(authSocks.attempts()).hasSize(attempts);
    }

    private static TestConfig viaSocks(TestSocks5Server via) {
        return TestConfig.defaults().set("proxy_type", "socks5").set("proxy_host", "127.0.0.1")
                .set("proxy_port", via.port());
    }

    /** @return the exception's stack trace with every cause: all the text it could put into a log */
    private static String everything(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static TestConfig viaHttp(ForwardProxy via) {
        return TestConfig.defaults().set("proxy_type", "http").set("proxy_host", "127.0.0.1")
                .set("proxy_port", via.port());
    }

    private byte[] download(String url) throws Exception {
        try (TransportResponse response = transport.open(TransportRequest.of(url))) {
            return JettyTransportTest.sha256(response);
        }
    }

    /** The headers of the last request the origin saw on /f. */
    private record HttpHeaderView(String via, String proxyAuthorization) {
        static HttpHeaderView last(TestOrigin origin) {
            var all = origin.requests("/f");
            var headers = all.get(all.size() - 1);
            return new HttpHeaderView(headers.get(HttpHeader.VIA), headers.get(HttpHeader.PROXY_AUTHORIZATION));
        }
    }

    /**
     * An in-process forward proxy: Jetty's {@link ConnectHandler} for CONNECT tunnels in front of
     * {@link ProxyHandler.Forward} for absolute-form requests; it records what it was asked, and can demand Basic.
     */
    private static final class ForwardProxy implements AutoCloseable {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final Server server = new Server();
        private final ServerConnector connector = new ServerConnector(server);

        ForwardProxy(boolean requireBasic) throws Exception {
            connector.setHost("127.0.0.1");
            server.addConnector(connector);
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
            server.setHandler(new Handler.Wrapper(new ConnectHandler(new ProxyHandler.Forward())) {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    if (requireBasic && !expected.equals(request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION))) {
                        response.setStatus(407);
                        response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"proxy\"");
                        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
                        callback.succeeded();
                        return true;
                    }
                    seen.add(request.getMethod() + " " + request.getHttpURI() + " "
                            + request.getConnectionMetaData().getHttpVersion().asString());
                    return super.handle(request, response, callback);
                }
            });
            server.start();
        }

        int port() {
            return connector.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
