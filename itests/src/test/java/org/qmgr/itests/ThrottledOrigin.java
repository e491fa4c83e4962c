package org.qmgr.itests;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpDateTime;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An origin in the test driver JVM (Jetty on 127.0.0.1, OS-chosen port) serving one {@link GeneratedBody} at a
 * fixed rate, with a strong ETag and Last-Modified, HEAD, single {@code Range} requests (206 + Content-Range,
 * 416 past the end) and {@code If-Range}; it logs every request in arrival order, and serves that log as text at
 * {@link #LOG} for tests running inside Karaf. Only its compile-time constants may be used inside Karaf.
 */
final class ThrottledOrigin implements AutoCloseable {

    /**
     * Path of the request log (itself not logged): one line per request, fields separated by tabs, as written
     * by {@link LoggedRequest#line()}.
     */
    static final String LOG = "/requests.log";

    /**
     * One request as it arrived: method, path, the Range, If-Range and User-Agent headers (or null), and the
     * status sent.
     */
    record LoggedRequest(Instant at, String method, String path, String range, String ifRange, String userAgent,
                         int status) {

        /** @return method, path, Range, If-Range, status and User-Agent, tab-separated; "-" for a missing header */
        String line() {
            return String.join("\t", method, path, orDash(range), orDash(ifRange), Integer.toString(status),
                    orDash(userAgent));
        }

        private static String orDash(String value) {
            return value == null ? "-" : value;
        }
    }

    /** The byte range a response carries, last inclusive. */
    private record Span(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<LoggedRequest> log = new CopyOnWriteArrayList<>();
    private final String path;
    private final GeneratedBody body;
    private final long bytesPerSecond;
    private final String etag;
    private final Instant lastModified = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    /** Starts serving {@code body} at {@code path} at {@code bytesPerSecond} per response. */
    ThrottledOrigin(String path, GeneratedBody body, long bytesPerSecond) throws Exception {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + bytesPerSecond);
        }
        this.path = path;
        this.body = body;
        this.bytesPerSecond = bytesPerSecond;
        this.etag = "\"" + body.tag() + "\"";
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    /** @return the URL of the body */
    String url() {
        return "http://127.0.0.1:" + connector.getLocalPort() + path;
    }

    /** @return the strong ETag of the body, quotes included */
    String etag() {
        return etag;
    }

    /** @return a snapshot of the request log, oldest first */
    List<LoggedRequest> requests() {
        return List.copyOf(log);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private void serve(Request request, Response response, Callback callback) {
        if (Request.getPathInContext(request).equals(LOG)) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            StringBuilder text = new StringBuilder();
            log.forEach(r -> text.append(r.line()).append('\n'));
            Content.Sink.write(response, true, text.toString(), callback);
            return;
        }
        String method = request.getMethod();
        String range = request.getHeaders().get(HttpHeader.RANGE);
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        int status;
        Span span = new Span(0, body.length() - 1);
        if (!Request.getPathInContext(request).equals(path)) {
            status = HttpStatus.NOT_FOUND_404;
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            status = HttpStatus.METHOD_NOT_ALLOWED_405;
        } else if (range == null || (ifRange != null && !validatorMatches(ifRange))) {
            status = HttpStatus.OK_200;
        } else {
            Span asked = parse(range);
            status = asked == null ? HttpStatus.OK_200
                    : asked.length() <= 0 ? HttpStatus.RANGE_NOT_SATISFIABLE_416 : HttpStatus.PARTIAL_CONTENT_206;
            span = asked == null ? span : asked;
        }
        log.add(new LoggedRequest(Instant.now(), method, Request.getPathInContext(request), range, ifRange,
                request.getHeaders().get(HttpHeader.USER_AGENT), status));
        response.setStatus(status);
        if (status == HttpStatus.NOT_FOUND_404 || status == HttpStatus.METHOD_NOT_ALLOWED_405) {
            Response.writeError(request, response, callback, status);
            return;
        }
        var headers = response.getHeaders();
        headers.put(HttpHeader.ETAG, etag);
        headers.put(HttpHeader.LAST_MODIFIED, HttpDateTime.format(lastModified.atZone(ZoneOffset.UTC)));
        headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        if (status == HttpStatus.RANGE_NOT_SATISFIABLE_416) {
            headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + body.length());
            headers.put(HttpHeader.CONTENT_LENGTH, 0L);
            response.write(true, null, callback);
            return;
        }
        headers.put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        headers.put(HttpHeader.CONTENT_LENGTH, span.length());
        if (status == HttpStatus.PARTIAL_CONTENT_206) {
            headers.put(HttpHeader.CONTENT_RANGE, "bytes " + span.first() + "-" + span.last() + "/" + body.length());
        }
        if (method.equals("HEAD")) {
            response.write(true, null, callback);
            return;
        }
        new PacedWrite(response, body, span.first(), span.length(), bytesPerSecond,
                request.getComponents().getScheduler(), callback).iterate();
    }

    /**
     * One range of {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}; an empty span (length
     * 0 or less) if it starts past the end; {@code null} to ignore the header (several ranges, bad syntax).
     */
    private Span parse(String range) {
        Matcher m = RANGE.matcher(range.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        long size = body.length();
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                return suffix == 0 ? new Span(size, size - 1) : new Span(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            if (last < first) {
                return null;
            }
            return first >= size ? new Span(first, first - 1) : new Span(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null; // more digits than a long holds: not a range we can serve, so the whole body
        }
    }

    /** If-Range: the strong ETag exactly, or an HTTP date equal to Last-Modified (RFC 9110 §13.1.5). */
    private boolean validatorMatches(String ifRange) {
        if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
            return ifRange.equals(etag);
        }
        try {
            ZonedDateTime date = HttpDateTime.parse(ifRange);
            return date != null && date.toInstant().equals(lastModified);
        } catch (RuntimeException e) {
            return false; // not a date: the validator does not match, so the whole body
        }
    }
}
