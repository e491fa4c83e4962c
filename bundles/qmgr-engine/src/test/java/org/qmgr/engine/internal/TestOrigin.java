package org.qmgr.engine.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An in-process HTTP origin on 127.0.0.1 and an OS-chosen port: serves byte arrays with Content-Length,
 * ETag, Last-Modified and Range/If-Range, logs every request, and lets a test force statuses, hold the
 * body back chunk by chunk (a gate), or arm one-shot faults at a byte offset (stall, connection reset or
 * close, new version of the entity) to control progress and failures without sleeping.
 */
final class TestOrigin implements AutoCloseable {

    static final int CHUNK = 64 * 1024;
    /** Last-Modified of every resource unless a test changes it. */
    static final Instant LAST_MODIFIED = Instant.parse("2024-05-01T10:15:30Z");
    /** Longest a stall holds a response when the test never releases it. */
    private static final Duration MAX_STALL = Duration.ofSeconds(60);

    /** One request as the origin saw it, with the monotonic time it arrived. */
    record Logged(String method, String path, String range, String ifRange, long nanos) {

        Logged(String method, String path, String range, String ifRange) {
            this(method, path, range, ifRange, System.nanoTime());
        }
    }

    /** A fault armed at a byte offset; it fires once, in the first GET whose body reaches the offset. */
    static final class Fault {

        /** What happens at the offset. */
        enum Kind {
            /** The response stops there until {@link #release()} (a stall, e.g. to suspend at an exact byte). */
            STALL,
            /** The TCP connection is reset (RST, SO_LINGER 0) after the bytes before the offset. */
            RESET,
            /** The connection is closed (FIN) after the bytes before the offset: a short body. */
            CLOSE,
            /** The resource switches to a new version (content, ETag, Last-Modified), then the connection resets. */
            CHANGE
        }

        final long offset;
        final Kind kind;
        private final byte[] nextContent;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Fault(long offset, Kind kind, byte[] nextContent) {
            this.offset = offset;
            this.kind = kind;
            this.nextContent = nextContent;
        }

        /** @return whether a response got to the offset (the fault fired) */
        boolean reached() {
            return reached.getCount() == 0;
        }

        /** Lets a stalled response go on (into a connection the client may have closed meanwhile). */
        void release() {
            released.countDown();
        }
    }

    /** A served file; fields may be changed by the test while the origin runs. */
    static final class Resource {
        volatile byte[] content;
        volatile String etag;
        volatile Instant lastModified;
        volatile boolean ranges = true;
        volatile boolean contentLength = true;
        /** When set ({@code user:password}), requests without these Basic credentials get a 401 challenge. */
        volatile String basicAuth;
        /** When not 0, every GET is answered with this status (after {@link #statuses}). */
        volatile int fixedStatus;
        /** Statuses answered to the next GETs, before serving normally. */
        final Deque<Integer> statuses = new ArrayDeque<>();
        /** When set, each body chunk needs one permit. */
        volatile Semaphore gate;
        private final List<Fault> faults = new ArrayList<>();
        private final AtomicInteger streaming = new AtomicInteger();

        Resource(byte[] content, String etag, Instant lastModified) {
            this.content = content;
            this.etag = etag;
            this.lastModified = lastModified;
        }

        synchronized Integer nextStatus() {
            Integer next = statuses.poll();
            return next != null ? next : fixedStatus != 0 ? Integer.valueOf(fixedStatus) : null;
        }

        synchronized void failNext(int... codes) {
            for (int code : codes) {
                statuses.add(code);
            }
        }

        /** Answers every GET with {@code code} until called with 0. */
        void failAlways(int code) {
            fixedStatus = code;
        }

        /** The next response reaching {@code offset} stops there until the fault is released. */
        Fault stallAt(long offset) {
            return arm(new Fault(offset, Fault.Kind.STALL, null));
        }

        /** The next response reaching {@code offset} resets its TCP connection there. */
        Fault resetAt(long offset) {
            return arm(new Fault(offset, Fault.Kind.RESET, null));
        }

        /** The next response reaching {@code offset} closes its connection there (short body). */
        Fault closeAt(long offset) {
            return arm(new Fault(offset, Fault.Kind.CLOSE, null));
        }

        /** The next response reaching {@code offset} switches the resource to {@code next}, then resets. */
        Fault changeAt(long offset, byte[] next) {
            return arm(new Fault(offset, Fault.Kind.CHANGE, next));
        }

        /** A new version of the entity: new content, a new strong ETag and a Last-Modified one minute later. */
        synchronized void replace(byte[] next) {
            Instant previous = lastModified == null ? LAST_MODIFIED : lastModified;
            content = next;
            lastModified = previous.plusSeconds(60);
            etag = "\"" + TestContent.sha256(next).substring(0, 12) + "-" + lastModified.getEpochSecond() + "\"";
        }

        /** @return how many GET bodies of this resource are being written now (stale ones included) */
        int streaming() {
            return streaming.get();
        }

        private synchronized Fault arm(Fault f) {
            faults.add(f);
            return f;
        }

        /** The armed fault with the lowest offset in [from, to), or {@code null}. */
        private synchronized Fault nextFault(long from, long to) {
            return faults.stream().filter(f -> f.offset >= from && f.offset < to)
                    .min(Comparator.comparingLong(f -> f.offset)).orElse(null);
        }

        private synchronized boolean claim(Fault f) {
            return faults.remove(f);
        }

        private synchronized List<Fault> disarmAll() {
            List<Fault> all = List.copyOf(faults);
            faults.clear();
            return all;
        }
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final List<Logged> log = new CopyOnWriteArrayList<>();
    private final List<Fault> fired = new CopyOnWriteArrayList<>();
    private final List<Map.Entry<String, HttpFields>> headers = new CopyOnWriteArrayList<>();

    private final AtomicInteger bodiesNow = new AtomicInteger();
    private final AtomicInteger mostBodiesAtOnce = new AtomicInteger();

    TestOrigin() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    Resource put(String path, byte[] content) {
        Resource r = new Resource(content, "\"" + TestContent.sha256(content).substring(0, 16) + "\"",
                LAST_MODIFIED);
        resources.put(path, r);
        return r;
    }

    String url(String path) {
        return "http://127.0.0.1:" + connector.getLocalPort() + path;
    }

    List<Logged> log() {
        return List.copyOf(log);
    }

    List<Logged> gets(String path) {
        return log.stream().filter(l -> l.method.equals("GET") && l.path.equals(path)).toList();
    }

    /** The headers of every request (any method) for a path, in order. */
    List<HttpFields> headers(String path) {
        return headers.stream().filter(e -> e.getKey().equals(path)).map(Map.Entry::getValue).toList();
    }

    /** Every request (any method) for a path. */
    List<Logged> requests(String path) {
        return log.stream().filter(l -> l.path.equals(path)).toList();
    }

    private void serve(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String range = request.getHeaders().get(HttpHeader.RANGE);
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        boolean head = request.getMethod().equals("HEAD");
        log.add(new Logged(request.getMethod(), path, range, ifRange));
        headers.add(Map.entry(path, request.getHeaders().asImmutable()));
        Resource r = resources.get(path);
        if (r == null) {
            Response.writeError(request, response, callback, 404);
            return;
        }
        if (r.basicAuth != null && !("Basic " + java.util.Base64.getEncoder().encodeToString(
                r.basicAuth.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .equals(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"qmgr-test\"");
            Response.writeError(request, response, callback, 401);
            return;
        }
        Integer forced = head ? null : r.nextStatus();
        if (forced != null) {
            Response.writeError(request, response, callback, forced);
            return;
        }
        byte[] body;
        String etag;
        Instant lastModified;
        synchronized (r) {
            body = r.content;
            etag = r.etag;
            lastModified = r.lastModified;
        }
        long start = 0;
        boolean validatorMatches = ifRange == null || ifRange.equals(etag)
                || (lastModified != null && ifRange.equals(httpDate(lastModified)));
        if (range != null && r.ranges && validatorMatches && range.startsWith("bytes=") && range.endsWith("-")) {
            start = Long.parseLong(range.substring(6, range.length() - 1));
            response.setStatus(206);
            response.getHeaders().put(HttpHeader.CONTENT_RANGE,
                    "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        } else {
            response.setStatus(200);
        }
        if (r.contentLength) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length - start);
        }
        if (etag != null) {
            response.getHeaders().put(HttpHeader.ETAG, etag);
        }
        if (lastModified != null) {
            response.getHeaders().put(HttpHeader.LAST_MODIFIED, httpDate(lastModified));
        }
        if (r.ranges) {
            response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        }
        if (head) {
            callback.succeeded();
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            writeBody(request, r, body, start, out);
            callback.succeeded();
        } catch (IOException | InterruptedException | RuntimeException e) {
            callback.failed(e);
        }
    }

    /** Writes the body from {@code start}, one gate permit per piece, firing armed faults on the way. */
    private void writeBody(Request request, Resource r, byte[] body, long start, OutputStream out)
            throws IOException, InterruptedException {
        r.streaming.incrementAndGet();
        mostBodiesAtOnce.accumulateAndGet(bodiesNow.incrementAndGet(), Math::max);
        try {
            writePieces(request, r, body, start, out);
        } finally {
            bodiesNow.decrementAndGet();
            r.streaming.decrementAndGet();
        }
    }

    /** @return the most response bodies this origin was sending at the same time */
    int mostBodiesAtOnce() {
        return mostBodiesAtOnce.get();
    }

    private void writePieces(Request request, Resource r, byte[] body, long start, OutputStream out)
            throws IOException, InterruptedException {
        long pos = start;
        if (r.gate != null) {
            // The headers go out at once: a client learns the size while the body waits for permits.
            out.flush();
        }
        while (pos < body.length) {
            Fault fault = r.nextFault(pos, body.length);
            long end = Math.min(pos + CHUNK, fault == null ? body.length : fault.offset);
            if (end > pos) {
                Semaphore gate = r.gate;
                if (gate != null && !gate.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IOException("gate held for 30 s");
                }
                out.write(body, (int) pos, (int) (end - pos));
                out.flush();
                pos = end;
            } else if (r.claim(fault)) {
                fire(request, r, fault, out);
            }
        }
    }

    private void fire(Request request, Resource r, Fault fault, OutputStream out)
            throws IOException, InterruptedException {
        fired.add(fault);
        fault.reached.countDown();
        switch (fault.kind) {
            case STALL -> fault.released.await(MAX_STALL.toSeconds(), TimeUnit.SECONDS);
            case CLOSE -> {
                out.flush();
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                throw new IOException("connection closed by the test at byte " + fault.offset);
            }
            case RESET, CHANGE -> {
                out.flush();
                if (fault.kind == Fault.Kind.CHANGE) {
                    r.replace(fault.nextContent);
                }
                reset(request.getConnectionMetaData().getConnection().getEndPoint());
                throw new IOException("connection reset by the test at byte " + fault.offset);
            }
            default -> throw new IllegalStateException("unknown fault " + fault.kind);
        }
    }

    /**
     * Closes the socket itself with SO_LINGER 0, so the client sees a reset (RST) rather than an orderly end;
     * closing through the end point would shut the output down (FIN) first.
     */
    private static void reset(EndPoint endPoint) {
        if (endPoint.getTransport() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.close();
            } catch (IOException e) {
                // the close below still ends the connection, as a FIN instead of a reset
            }
        }
        endPoint.close();
    }

    static String httpDate(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZoneOffset.UTC));
    }

    @Override
    public void close() throws Exception {
        fired.forEach(Fault::release);
        resources.values().forEach(r -> r.disarmAll().forEach(Fault::release));
        server.stop();
    }
}
