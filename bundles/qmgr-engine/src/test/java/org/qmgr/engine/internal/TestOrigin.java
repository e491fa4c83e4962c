package org.qmgr.engine.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An in-process HTTP origin on 127.0.0.1 and an OS-chosen port: serves byte arrays with Content-Length,
 * ETag, Last-Modified and Range/If-Range, logs every request, and lets a test force statuses or hold the
 * body back chunk by chunk (a gate) to control progress without sleeping.
 */
final class TestOrigin implements AutoCloseable {

    static final int CHUNK = 64 * 1024;
    /** Last-Modified of every resource unless a test changes it. */
    static final Instant LAST_MODIFIED = Instant.parse("2024-05-01T10:15:30Z");

    /** One request as the origin saw it. */
    record Logged(String method, String path, String range, String ifRange) {
    }

    /** A served file; fields may be changed by the test while the origin runs. */
    static final class Resource {
        volatile byte[] content;
        volatile String etag;
        volatile Instant lastModified;
        volatile boolean ranges = true;
        volatile boolean contentLength = true;
        /** Statuses answered to the next GETs, before serving normally. */
        final Deque<Integer> statuses = new ArrayDeque<>();
        /** When set, each body chunk needs one permit. */
        volatile Semaphore gate;

        Resource(byte[] content, String etag, Instant lastModified) {
            this.content = content;
            this.etag = etag;
            this.lastModified = lastModified;
        }

        synchronized Integer nextStatus() {
            return statuses.poll();
        }

        synchronized void failNext(int... codes) {
            for (int code : codes) {
                statuses.add(code);
            }
        }
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final List<Logged> log = new CopyOnWriteArrayList<>();

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

    private void serve(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String range = request.getHeaders().get(HttpHeader.RANGE);
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        boolean head = request.getMethod().equals("HEAD");
        log.add(new Logged(request.getMethod(), path, range, ifRange));
        Resource r = resources.get(path);
        if (r == null) {
            Response.writeError(request, response, callback, 404);
            return;
        }
        Integer forced = head ? null : r.nextStatus();
        if (forced != null) {
            Response.writeError(request, response, callback, forced);
            return;
        }
        byte[] body = r.content;
        long start = 0;
        boolean validatorMatches = ifRange == null || ifRange.equals(r.etag) || ifRange.equals(httpDate(r.lastModified));
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
        if (r.etag != null) {
            response.getHeaders().put(HttpHeader.ETAG, r.etag);
        }
        if (r.lastModified != null) {
            response.getHeaders().put(HttpHeader.LAST_MODIFIED, httpDate(r.lastModified));
        }
        if (r.ranges) {
            response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        }
        if (head) {
            callback.succeeded();
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            for (long pos = start; pos < body.length; pos += CHUNK) {
                Semaphore gate = r.gate;
                if (gate != null && !gate.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IOException("gate held for 30 s");
                }
                out.write(body, (int) pos, (int) Math.min(CHUNK, body.length - pos));
                out.flush();
            }
            callback.succeeded();
        } catch (IOException | InterruptedException | RuntimeException e) {
            callback.failed(e);
        }
    }

    static String httpDate(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZoneOffset.UTC));
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
