package org.qmgr.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.http.HttpDateTime;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An in-process Jetty origin on a loopback port chosen by the OS, serving {@link GeneratedContent} at
 * {@code /gen/SIZE/NAME}: HEAD, single {@code Range} with {@code If-Range}, a strong ETag, Last-Modified,
 * HTTP/1.1 keep-alive. Bodies are written in slices of one shared direct buffer, so serving 1 GiB holds no
 * more heap than serving 4 KiB.
 */
final class GeneratedOrigin implements Origin {

    private static final int WRITE_SIZE = 512 * 1024;

    private final GeneratedContent content = new GeneratedContent();
    private final String lastModified = HttpDateTime.format(
            Instant.now().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC));
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final Server server;
    private final ServerConnector connector;

    GeneratedOrigin() {
        this(0);
    }

    /** @param port the loopback port to listen on; 0: one the OS chooses */
    GeneratedOrigin(int port) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("origin");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new BenchmarkException("cannot start the in-process origin", e);
        }
    }

    @Override
    public String describe() {
        return "in-process Jetty " + Server.getVersion() + " at http://127.0.0.1:" + connector.getLocalPort()
                + "/gen/SIZE/NAME, generated content";
    }

    @Override
    public List<Source> sources(String kind, int count, long size) {
        List<Source> sources = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = String.format("%s-%05d.bin", kind, i);
            sources.add(new Source("http://127.0.0.1:" + connector.getLocalPort() + "/gen/" + size + "/" + name,
                    name, size));
        }
        return sources;
    }

    @Override
    public String check(Source source, Path file) {
        return content.check(file, source.name(), source.size());
    }

    @Override
    public String served() {
        return requests.sum() + " requests, " + bytes.sum() + " body bytes";
    }

    private void serve(Request request, Response response, Callback callback) {
        requests.increment();
        String[] parts = request.getHttpURI().getPath().split("/");
        long size = parts.length == 4 && parts[1].equals("gen") ? parseSize(parts[2]) : -1;
        if (size < 0) {
            Response.writeError(request, response, callback, 404);
            return;
        }
        String name = parts[3];
        String etag = "\"g" + size + "-" + Integer.toHexString(name.hashCode()) + "\"";
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.ETAG, etag);
        headers.put(HttpHeader.LAST_MODIFIED, lastModified);
        headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        headers.put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        long[] range = range(request, size, etag);
        if (range == null) {
            response.setStatus(416);
            headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
            headers.put(HttpHeader.CONTENT_LENGTH, 0);
            callback.succeeded();
            return;
        }
        if (range[0] > 0 || range[1] < size) {
            response.setStatus(206);
            headers.put(HttpHeader.CONTENT_RANGE, "bytes " + range[0] + "-" + (range[1] - 1) + "/" + size);
        }
        headers.put(HttpHeader.CONTENT_LENGTH, range[1] - range[0]);
        try {
            if (!HttpMethod.HEAD.is(request.getMethod())) {
                write(response, name, range[0], range[1]);
            }
            callback.succeeded();
        } catch (Throwable t) {
            callback.failed(t);
        }
    }

    /** @return {@code [from, to)} to send: the whole entity unless a single range applies; null: unsatisfiable */
    private long[] range(Request request, long size, String etag) {
        String range = request.getHeaders().get(HttpHeader.RANGE);
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        boolean current = ifRange == null || ifRange.equals(etag) || ifRange.equals(lastModified);
        if (range == null || !current || !range.startsWith("bytes=") || range.contains(",")) {
            return new long[] {0, size};
        }
        String spec = range.substring(6).trim();
        int dash = spec.indexOf('-');
        try {
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                return new long[] {Math.max(0, size - suffix), size};
            }
            long from = Long.parseLong(spec.substring(0, dash));
            long to = dash == spec.length() - 1 ? size : Math.min(size, Long.parseLong(spec.substring(dash + 1)) + 1);
            return from >= size || to <= from ? null : new long[] {from, to};
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return new long[] {0, size};
        }
    }

    private void write(Response response, String name, long from, long to) throws Exception {
        if (from == to) {
            Content.Sink.write(response, true, ByteBuffer.allocate(0));
            return;
        }
        for (long pos = from; pos < to; ) {
            int n = (int) Math.min(WRITE_SIZE, to - pos);
            ByteBuffer slice = content.slice(name, pos, n);
            pos += n;
            Content.Sink.write(response, pos == to, slice);
            bytes.add(n);
        }
    }

    private static long parseSize(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new BenchmarkException("cannot stop the in-process origin", e);
        }
    }
}
