package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.Credentials;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;

/** Basic and Digest challenges (spec P4): answered only after a challenge, and only to the original host. */
class JettyTransportAuthTest {

    private static final Credentials GOOD = new Credentials("alice", "s3cret-pw");
    private static final String REALM = "qmgr";
    private static final String NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))");

    private static TestOrigin origin;
    private JettyTransport transport;

    @BeforeAll
    static void startOrigin() throws Exception {
        origin = new TestOrigin()
                .route("/basic", JettyTransportAuthTest::basic)
                .route("/basic-elsewhere", JettyTransportAuthTest::basic)
                .route("/digest", JettyTransportAuthTest::digest)
                .route("/to-basic", TestOrigin.redirect(302, "/basic"))
                .route("/to-other-host", (rq, rs) -> TestOrigin.redirect(302,
                        "http://localhost:" + origin.port() + "/basic-elsewhere").handle(rq, rs));
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
    void basicIsAnsweredAfterTheChallengeOnly() throws Exception {
        int before = origin.requests("/basic").size();
        try (TransportResponse response = transport.open(request("/basic", GOOD))) {
            assertThat(response.info().status()).isEqualTo(200);
            assertThat(JettyTransportTest.sha256(response)).isNotEmpty();
        }
        assertThat(origin.requests("/basic").subList(before, before + 2))
                .extracting(h -> h.get(HttpHeader.AUTHORIZATION))
                .containsExactly(null, basicHeader(GOOD));
    }

    @Test
    void withoutCredentialsA401IsAnHttpStatus() {
        assertStatus401(() -> transport.probe(request("/basic", null)));
    }

    @Test
    void wrongPasswordIsTriedOnceAndNeverShown() {
        int before = origin.requests("/basic").size();
        Credentials wrong = new Credentials("alice", "not-the-pw");
        assertThatThrownBy(() -> transport.open(request("/basic", wrong)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("not-the-pw");
                });
        assertThat(origin.requests("/basic")).hasSize(before + 2);
    }

    @Test
    void digestIsAnswered() throws Exception {
        try (TransportResponse response = transport.open(request("/digest", GOOD))) {
            assertThat(response.info().status()).isEqualTo(200);
        }
    }

    @Test
    void aSameHostRedirectTargetMayChallenge() throws Exception {
        assertThat(transport.probe(request("/to-basic", GOOD)).status()).isEqualTo(200);
    }

    @Test
    void anotherHostNeverGetsTheCredentials() {
        assertStatus401(() -> transport.open(request("/to-other-host", GOOD)));
        assertThat(origin.requests("/basic-elsewhere"))
                .isNotEmpty()
                .allSatisfy(h -> assertThat(h.get(HttpHeader.AUTHORIZATION)).isNull());
    }

    @Test
    void userInfoInTheUrlNeverReachesAMessage() {
        String url = "http://bob:url-pw@127.0.0.1:" + origin.port() + "/nothing-here";
        assertThatThrownBy(() -> transport.probe(TransportRequest.of(url)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).doesNotContain("url-pw").contains("***@127.0.0.1");
                });
    }

    private static TransportRequest request(String path, Credentials credentials) {
        return TransportRequest.of(origin.url(path)).withCredentials(credentials);
    }

    private static void assertStatus401(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
            assertThat(e.httpStatus()).isEqualTo(401);
        });
    }

    private static String basicHeader(Credentials c) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static void basic(Request request, Response response) {
        if (basicHeader(GOOD).equals(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            ok(response);
        } else {
            challenge(response, "Basic realm=\"" + REALM + "\"");
        }
    }

    private static void digest(Request request, Response response) throws Exception {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null && authorization.startsWith("Digest ") && digestMatches(request, authorization)) {
            ok(response);
        } else {
            challenge(response, "Digest realm=\"" + REALM + "\", qop=\"auth\", nonce=\"" + NONCE + "\", algorithm=MD5");
        }
    }

    /** Recomputes the RFC 2617 {@code qop=auth} response for the known password. */
    private static boolean digestMatches(Request request, String authorization) throws Exception {
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(authorization.substring(7));
        while (m.find()) {
            p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String ha1 = md5(GOOD.user() + ":" + REALM + ":" + GOOD.password());
        String ha2 = md5(request.getMethod() + ":" + p.get("uri"));
        String expected = md5(ha1 + ":" + NONCE + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return GOOD.user().equals(p.get("username")) && NONCE.equals(p.get("nonce")) && expected.equals(p.get("response"));
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static void ok(Response response) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    }

    private static void challenge(Response response, String challenge) {
        HttpFields.Mutable headers = response.getHeaders();
        response.setStatus(401);
        headers.put(HttpHeader.WWW_AUTHENTICATE, challenge);
        headers.put(HttpHeader.CONTENT_LENGTH, 0);
    }
}
