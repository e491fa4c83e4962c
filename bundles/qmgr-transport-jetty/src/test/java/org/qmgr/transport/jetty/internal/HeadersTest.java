package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/** Header parsing ({@link Headers}) and failure classification ({@link Failures}) without a network. */
class HeadersTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void partialContentTakesItsRangeAndTotalFromContentRange() throws Exception {
        HttpFields headers = HttpFields.build()
                .put(HttpHeader.CONTENT_RANGE, "bytes 100-999/1000")
                .put(HttpHeader.CONTENT_LENGTH, 900)
                .put(HttpHeader.ETAG, "W/\"weak\"")
                .put(HttpHeader.ACCEPT_RANGES, "none, Bytes");

        ResponseInfo info = Headers.info(206, headers, 100, "http://h/f");

        assertThat(info.partial()).isTrue();
        assertThat(info.rangeStart()).isEqualTo(100);
        assertThat(info.contentLength()).isEqualTo(900);
        assertThat(info.entityLength()).isEqualTo(1000);
        assertThat(info.etag()).isEqualTo("W/\"weak\"");
        assertThat(info.hasStrongEtag()).isFalse();
        assertThat(info.acceptsRanges()).isTrue();
        assertThat(info.lastModified()).isNull();
    }

    @Test
    void unknownTotalIsMinusOne() throws Exception {
        HttpFields headers = HttpFields.build().put(HttpHeader.CONTENT_RANGE, "bytes 5-9/*");
        ResponseInfo info = Headers.info(206, headers, 5, "http://h/f");
        assertThat(info.entityLength()).isEqualTo(-1);
        assertThat(info.contentLength()).isEqualTo(5);
    }

    @Test
    void unusablePartialContentIsInvalid() {
        for (String range : new String[] {null, "bytes */1000", "items 0-1/2", "bytes 9-5/10", "bytes 0-10/10"}) {
            HttpFields.Mutable headers = HttpFields.build();
            if (range != null) {
                headers.put(HttpHeader.CONTENT_RANGE, range);
            }
            assertThatThrownBy(() -> Headers.info(206, headers, 0, "http://h/f"))
                    .as(String.valueOf(range))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_RESPONSE));
        }
        HttpFields lengthMismatch = HttpFields.build()
                .put(HttpHeader.CONTENT_RANGE, "bytes 0-9/10").put(HttpHeader.CONTENT_LENGTH, 3);
        assertThatThrownBy(() -> Headers.info(206, lengthMismatch, 0, "http://h/f"))
                .isInstanceOf(TransportException.class);
    }

    @Test
    void wholeEntityLengthIsTheContentLength() throws Exception {
        HttpFields headers = HttpFields.build()
                .put(HttpHeader.CONTENT_LENGTH, 42)
                .put(HttpHeader.LAST_MODIFIED, "Sun, 06 Nov 1994 08:49:37 GMT");
        ResponseInfo info = Headers.info(200, headers, 10, "http://h/f");
        assertThat(info.entityLength()).isEqualTo(42);
        assertThat(info.rangeStart()).isZero();
        assertThat(info.lastModified()).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
        assertThat(Headers.info(200, HttpFields.EMPTY, 0, "u").contentLength()).isEqualTo(-1);
    }

    @Test
    void retryAfterAcceptsSecondsAndDates() {
        assertThat(Headers.retryAfter("120", NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Headers.retryAfter("Sun, 01 Jun 2025 12:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Headers.retryAfter("Sunday, 01-Jun-25 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(Headers.retryAfter("soon", NOW)).isNull();
        assertThat(Headers.retryAfter(null, NOW)).isNull();
        // More seconds than a long holds is still a request to wait (the engine caps it), not no Retry-After.
        assertThat(Headers.retryAfter("99999999999999999999", NOW)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(Headers.retryAfter(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(Headers.retryAfter("-5", NOW)).isNull();
    }

    @Test
    void failuresMapToKinds() {
        assertThat(Failures.classify(new UnknownHostException("x"))).isEqualTo(Kind.NAME_NOT_RESOLVED);
        assertThat(Failures.classify(new ConnectException("refused"))).isEqualTo(Kind.CANNOT_CONNECT);
        assertThat(Failures.classify(new SocketTimeoutException("Connect Timeout"))).isEqualTo(Kind.TIMEOUT);
        assertThat(Failures.classify(new TimeoutException("Idle timeout"))).isEqualTo(Kind.TIMEOUT);
        assertThat(Failures.classify(new RuntimeException(new SSLHandshakeException("PKIX")))).isEqualTo(Kind.SECURE_FAILURE);
        assertThat(Failures.classify(new EofException("early EOF"))).isEqualTo(Kind.CONNECTION_ABORTED);
        assertThat(Failures.classify(new EofException(new SocketException("Connection reset"))))
                .isEqualTo(Kind.CONNECTION_RESET);
        assertThat(Failures.classify(new IllegalStateException("?"))).isEqualTo(Kind.OTHER);
    }

    /**
     * HTTP/2 session failures arrive as bare IOExceptions named by their error code: the ones that mean the
     * server's frames were malformed (an HPACK block beyond the announced header list size among them) are an
     * invalid response (12152), not "other"; a stream cancelled or refused is not.
     */
    @Test
    void http2ProtocolErrorsAreInvalidResponses() {
        assertThat(Failures.classify(new java.io.IOException("protocol_error/invalid_hpack_block")))
                .isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(Failures.classify(new java.io.IOException("compression_error"))).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(Failures.classify(new RuntimeException(new java.io.IOException("frame_size_error/invalid_frame_length"))))
                .isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(Failures.classify(new java.io.IOException("cancel_stream_error"))).isEqualTo(Kind.OTHER);
        assertThat(Failures.classify(new java.io.IOException("a protocol_error elsewhere"))).isEqualTo(Kind.OTHER);
    }

    /** Jetty's HTTP/1.1 parser meets an overflow under -ea with an AssertionError: still a malformed response. */
    @Test
    void anAssertionFromJettysParserIsAnInvalidResponse() {
        AssertionError parser = new AssertionError();
        parser.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.eclipse.jetty.http.HttpParser", "parseFields", "HttpParser.java", 1)});
        assertThat(Failures.classify(parser)).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(Failures.classify(new AssertionError("elsewhere"))).isEqualTo(Kind.OTHER);
    }

    @Test
    void userInfoIsRedacted() {
        assertThat(Failures.redact("see HTTPS://u:p@h/x and http://h/y?a=b@c"))
                .isEqualTo("see HTTPS://***@h/x and http://h/y?a=b@c");
        TransportException e = Failures.map(new ConnectException("refused"), "http://u:pw@h:1/x");
        assertThat(e.getMessage()).doesNotContain("pw").contains("***@h:1/x");
        assertThat(e.kind()).isEqualTo(Kind.CANNOT_CONNECT);
    }
}
