package org.qmgr.transport.jetty.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import org.eclipse.jetty.client.HttpResponseException;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/**
 * Maps what Jetty and the JDK throw to {@link TransportException.Kind}s (spec §4.10), and keeps user info
 * (which may hold a password) out of every message.
 */
final class Failures {

    private static final int MAX_DETAIL = 160;
    private static final String HTTP_PARSER = "org.eclipse.jetty.http.HttpParser";
    /** HTTP/2 error codes (RFC 9113 §7) that mean malformed frames or headers, as Jetty spells them. */
    private static final List<String> H2_PROTOCOL_ERRORS = List.of("protocol_error", "compression_error",
            "frame_size_error");

    private Failures() {
    }

    /**
     * @param failure what went wrong, never {@code null}
     * @param url     the URL involved (may carry user info; it is redacted)
     * @return the transport exception to throw
     */
    static TransportException map(Throwable failure, String url) {
        if (failure instanceof TransportException te) {
            return te;
        }
        TransportException refused = Socks5Auth.refusal(failure, url);
        if (refused != null) {
            return refused;
        }
        Kind kind = classify(failure);
        String detail = failure.getClass().getSimpleName();
        if (failure.getMessage() != null) {
            // Jetty's messages may embed whole connection dumps; the cause keeps the full text.
            String message = failure.getMessage();
            detail += ": " + (message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message);
        }
        return new TransportException(kind, describe(kind) + " " + redact(url) + " (" + redact(detail) + ")", failure);
    }

    /** @return a new exception of {@code kind} about {@code url}, with a safe message */
    static TransportException of(Kind kind, String what, String url) {
        return new TransportException(kind, what + ": " + redact(url), null);
    }

    static Kind classify(Throwable failure) {
        // Jetty wraps a reset met while writing in an EofException: the reset is the better answer.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isReset(t)) {
                return Kind.CONNECTION_RESET;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Kind kind = classifyOne(t);
            if (kind != null) {
                return kind;
            }
        }
        return Kind.OTHER;
    }

    private static Kind classifyOne(Throwable t) {
        if (t instanceof UnknownHostException) {
            return Kind.NAME_NOT_RESOLVED;
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof PortUnreachableException) {
            return Kind.CANNOT_CONNECT;
        }
        if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
            return Kind.TIMEOUT;
        }
        if (t instanceof SSLException || t instanceof GeneralSecurityException) {
            return Kind.SECURE_FAILURE;
        }
        if (t instanceof EOFException || t instanceof ClosedChannelException) {
            return Kind.CONNECTION_ABORTED;
        }
        if (t instanceof HttpResponseException || isHttp2ProtocolError(t) || isParserAssertion(t)) {
            return Kind.INVALID_RESPONSE;
        }
        if (t instanceof URISyntaxException || t instanceof IllegalArgumentException) {
            return Kind.UNSUPPORTED;
        }
        if (t instanceof SocketException) {
            return Kind.CONNECTION_ABORTED;
        }
        return null;
    }

    /**
     * Jetty's HTTP/1.1 parser reports a bad response by building an {@code HttpException.RuntimeException} with
     * the response's status, and that constructor asserts a 4xx/5xx status: for a 200 whose headers overflow
     * {@link Clients#MAX_RESPONSE_HEADERS}, a JVM running with {@code -ea} gets an {@code AssertionError} from the
     * parser instead of the bad-message exception. Either way the response was malformed.
     */
    private static boolean isParserAssertion(Throwable t) {
        if (!(t instanceof AssertionError)) {
            return false;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (HTTP_PARSER.equals(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Jetty's HTTP/2 session fails its streams with a bare {@code IOException} named after the error code and
     * reason, e.g. {@code protocol_error/invalid_hpack_block} when a header block overflows
     * {@link Clients#MAX_RESPONSE_HEADERS}: the server's frames broke the protocol, a malformed response like a
     * bad HTTP/1.1 message.
     */
    private static boolean isHttp2ProtocolError(Throwable t) {
        if (!(t instanceof IOException) || t.getMessage() == null) {
            return false;
        }
        String message = t.getMessage();
        return H2_PROTOCOL_ERRORS.stream().anyMatch(code -> message.startsWith(code + "/") || message.equals(code));
    }

    private static boolean isReset(Throwable t) {
        return t instanceof IOException && t.getMessage() != null
                && t.getMessage().toLowerCase(Locale.ROOT).contains("connection reset");
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case NAME_NOT_RESOLVED -> "cannot resolve the host of";
            case CANNOT_CONNECT -> "cannot connect to";
            case TIMEOUT -> "timed out on";
            case CONNECTION_RESET -> "connection reset on";
            case CONNECTION_ABORTED -> "connection closed early on";
            case INVALID_RESPONSE -> "invalid response from";
            case SECURE_FAILURE -> "TLS failure on";
            case UNSUPPORTED -> "cannot request";
            default -> "failed to fetch";
        };
    }

    /** @return {@code text} with the user info of any http(s) URL in it replaced by {@code ***} */
    static String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("(?i)(https?://)[^/?#@\\s]*@", "$1***@");
    }

    /** @return the URI with its user info removed, as a string for messages */
    static String redact(URI uri) {
        return redact(uri.toString());
    }
}
