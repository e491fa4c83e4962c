package org.qmgr.spi.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Why a transport could not deliver a resource. The engine maps the {@link Kind} (and the HTTP status) to
 * the spec's Win32/transport result pair and to transient or fatal handling (spec §1.8, §4.10).
 */
public class TransportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The failure classes a transport reports. */
    public enum Kind {
        /** The host name could not be resolved. */
        NAME_NOT_RESOLVED,
        /** The connection was refused or the host is unreachable. */
        CANNOT_CONNECT,
        /** Connecting or waiting for data timed out. */
        TIMEOUT,
        /**
         * The connection was reset by the peer. A transport may be unable to tell a reset from an early close
         * while reading a body, and report {@link #CONNECTION_ABORTED} instead; both are transient.
         */
        CONNECTION_RESET,
        /** The connection was closed before the response was complete (including a short body). */
        CONNECTION_ABORTED,
        /** The response was malformed or unusable (e.g. a bad {@code Content-Range}). */
        INVALID_RESPONSE,
        /** TLS handshake or certificate verification failed. */
        SECURE_FAILURE,
        /** More redirects than allowed. */
        TOO_MANY_REDIRECTS,
        /** The server answered with an error status, see {@link TransportException#httpStatus()}. */
        HTTP_STATUS,
        /** {@link TransportResponse#abort()} was called. */
        ABORTED,
        /** The URL cannot be served by this transport (unsupported scheme, bad syntax). */
        UNSUPPORTED,
        /** Any other failure. */
        OTHER
    }

    private final Kind kind;
    private final int httpStatus;
    private final Duration retryAfter;

    /**
     * @param kind    failure class, never {@code null}
     * @param message what happened, without secrets
     * @param cause   underlying exception, or {@code null}
     */
    public TransportException(Kind kind, String message, Throwable cause) {
        this(kind, 0, null, message, cause);
    }

    /**
     * @param kind       failure class, never {@code null}
     * @param httpStatus the last HTTP status seen, or 0
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     * @param message    what happened, without secrets
     * @param cause      underlying exception, or {@code null}
     */
    public TransportException(Kind kind, int httpStatus, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /**
     * An error status from the server.
     *
     * @param status     the HTTP status (4xx/5xx)
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     * @param url        the URL requested (for the message; any {@code user:password@} part is removed)
     * @return the exception
     */
    public static TransportException httpStatus(int status, Duration retryAfter, String url) {
        return new TransportException(Kind.HTTP_STATUS, status, retryAfter,
                "HTTP " + status + " from " + withoutUserInfo(url), null);
    }

    /**
     * @param url a URL, or {@code null}
     * @return the URL with any {@code user:password@} part replaced by {@code ***@}, safe for messages
     */
    public static String withoutUserInfo(String url) {
        return url == null ? null : url.replaceAll("(?i)^([a-z][a-z0-9+.-]*://)[^/?#@\\s]*@", "$1***@");
    }

    /** @return the failure class, never {@code null} */
    public Kind kind() {
        return kind;
    }

    /** @return the HTTP status involved, or 0 when none */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the delay the server asked for before retrying, or {@code null} */
    public Duration retryAfter() {
        return retryAfter;
    }
}
