package org.qmgr.testorigin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Answers one request for a {@link Resource}: redirects and error statuses first, then the entity's headers
 * (200 or 206 by Range/If-Range, unless a fault says otherwise), then the body through a {@link BodyStream}
 * or, when the body must overrun its Content-Length, a {@link RawResponse}.
 */
final class Exchange {

    private static final int FILLER_LINE = 100;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Resource resource;
    private final Pacer pacer;

    Exchange(Request request, Response response, Callback callback, Resource resource, Pacer pacer) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.resource = resource;
        this.pacer = pacer;
    }

    void serve() {
        if (redirected()) {
            return;
        }
        boolean head = "HEAD".equals(request.getMethod());
        int version = head ? resource.version() : resource.countGet();
        if (!head && failedWithStatus()) {
            return;
        }
        byte[] entity = resource.entity(version);
        long start = rangeStart(version, entity.length);
        if (start > entity.length) {
            response.setStatus(416);
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + entity.length);
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        HttpFields.Mutable headers = response.getHeaders();
        response.setStatus(start >= 0 ? 206 : 200);
        if (start >= 0) {
            headers.put(HttpHeader.CONTENT_RANGE, "bytes " + start + "-" + (entity.length - 1) + "/" + entity.length);
        }
        long from = Math.max(0, start);
        boolean chunked = resource.find(Fault.Chunked.class).isPresent();
        if (!chunked) {
            headers.put(HttpHeader.CONTENT_LENGTH, entity.length - from);
        }
        headers.put(HttpHeader.ETAG, resource.etag(version));
        headers.put(HttpHeader.LAST_MODIFIED, httpDate(resource.lastModified(version)));
        if (resource.find(Fault.IgnoreRange.class).isEmpty()) {
            headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        }
        if (resource.find(Fault.Gzip.class).isPresent()) {
            headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        resource.find(Fault.HugeHeaders.class).ifPresent(h -> fill(headers, h.bytes()));
        if (head) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        Optional<Fault.LongBody> longBody = resource.find(Fault.LongBody.class);
        if (longBody.isPresent() && !chunked) {
            new RawResponse(request, response).send(entity, (int) from, longBody.get().extra(), callback);
            return;
        }
        new BodyStream(request, response, resource, pacer).send(entity, from, callback);
    }

    /** @return whether a redirect fault answered the request */
    private boolean redirected() {
        String query = request.getHttpURI().getQuery();
        Optional<Fault.RedirectChain> chain = resource.find(Fault.RedirectChain.class);
        if (chain.isPresent()) {
            int hop = parameter(query, "hop");
            if (hop < chain.get().hops()) {
                redirect("hop=" + (hop + 1));
                return true;
            }
        }
        if (resource.find(Fault.RedirectLoop.class).isPresent()) {
            redirect("loop=" + (1 - parameter(query, "loop")));
            return true;
        }
        return false;
    }

    private void redirect(String query) {
        response.setStatus(302);
        response.getHeaders().put(HttpHeader.LOCATION, HttpURI.build(request.getHttpURI()).query(query).asString());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    /** @return whether a status fault answered the GET */
    private boolean failedWithStatus() {
        for (Resource.Armed armed : resource.armed(Fault.Status.class)) {
            if (armed.claim()) {
                Fault.Status status = (Fault.Status) armed.fault;
                response.setStatus(status.code());
                if (status.retryAfter() != null && status.asHttpDate()) {
                    // HTTP dates have whole seconds: rounded up, so the client never waits less than asked.
                    Instant at = Instant.now().plus(status.retryAfter()).plusSeconds(1)
                            .truncatedTo(ChronoUnit.SECONDS);
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, httpDate(at));
                } else if (status.retryAfter() != null) {
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, status.retryAfter().toSeconds());
                }
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
                response.write(true, BufferUtil.EMPTY_BUFFER, callback);
                return true;
            }
        }
        return false;
    }

    /**
     * @return the first byte of a 206 answer, or -1 for a 200 (no usable Range, a stale If-Range, or a
     *         Range-ignoring fault)
     */
    private long rangeStart(int version, int length) {
        String range = request.getHeaders().get(HttpHeader.RANGE);
        if (range == null || !range.matches("bytes=\\d+-") || resource.find(Fault.IgnoreRange.class).isPresent()) {
            return -1;
        }
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        boolean honour = resource.find(Fault.RotateValidators.class).map(Fault.RotateValidators::honourIfRange)
                .orElse(true);
        boolean current = ifRange == null || ifRange.equals(resource.etag(version))
                || ifRange.equals(httpDate(resource.lastModified(version)));
        if (honour && !current) {
            return -1;
        }
        return Long.parseLong(range.substring(6, range.length() - 1));
    }

    private static int parameter(String query, String name) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return Integer.parseInt(pair.substring(name.length() + 1));
                }
            }
        }
        return 0;
    }

    private static void fill(HttpFields.Mutable headers, int bytes) {
        String value = "x".repeat(FILLER_LINE);
        for (int i = 0; i * (FILLER_LINE + 16) < bytes; i++) {
            headers.add("X-Filler-" + i, value);
        }
    }

    static String httpDate(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZoneOffset.UTC));
    }
}
