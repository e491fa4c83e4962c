package org.qmgr.transport.jetty.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpDateTime;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An in-process origin server on 127.0.0.1 (port 0) whose routes each test registers under its own paths.
 * Cleartext it speaks HTTP/1.1 and prior-knowledge h2c on one port; over TLS it offers h2 and HTTP/1.1 by ALPN.
 */
final class TestOrigin implements AutoCloseable {

    /** Handles one request by blocking writes; returning completes the response. */
    @FunctionalInterface
    interface Route {
        void handle(Request request, Response response) throws Exception;
    }

    private final Server server = new Server();
    private final ServerConnector connector;
    private final String scheme;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, List<HttpFields>> requests = new ConcurrentHashMap<>();
    private final Map<String, List<String>> versions = new ConcurrentHashMap<>();
    private final Map<String, List<String>> connections = new ConcurrentHashMap<>();

    TestOrigin() throws Exception {
        this(null, true);
    }

    /** @param tls the server's TLS context */
    TestOrigin(SslContextFactory.Server tls) throws Exception {
        this(tls, true);
    }

    /** @return a cleartext origin that speaks HTTP/1.1 only */
    static TestOrigin http11Only() throws Exception {
        return new TestOrigin(null, false);
    }

    private TestOrigin(SslContextFactory.Server tls, boolean http2) throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        HttpConnectionFactory http1 = new HttpConnectionFactory(config);
        if (tls == null) {
            scheme = "http";
            connector = http2 ? new ServerConnector(server, http1, new HTTP2CServerConnectionFactory(config))
                    : new ServerConnector(server, http1);
        } else {
            scheme = "https";
            config.addCustomizer(new SecureRequestCustomizer(false));
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol("http/1.1");
            connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn,
                    new HTTP2ServerConnectionFactory(config), http1);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = request.getHttpURI().getPath();
                requests.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(request.getHeaders().asImmutable());
                versions.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                        .add(request.getConnectionMetaData().getHttpVersion().asString());
                connections.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                        .add(request.getConnectionMetaData().getId());
                Route route = routes.get(path);
                if (route == null) {
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                try {
                    route.handle(request, response);
                    callback.succeeded();
                } catch (Throwable t) {
                    callback.failed(t);
                }
                return true;
            }
        });
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    String url(String path) {
        return url("127.0.0.1", path);
    }

    String url(String host, String path) {
        return scheme + "://" + host + ":" + port() + path;
    }

    TestOrigin route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /** @return the request headers seen on {@code path}, in order */
    List<HttpFields> requests(String path) {
        return requests.getOrDefault(path, List.of());
    }

    /** @return the protocol versions ({@code HTTP/1.1}, {@code HTTP/2.0}) of the requests on {@code path}, in order */
    List<String> versions(String path) {
        return versions.getOrDefault(path, List.of());
    }

    /** @return the ids of the connections that carried the requests on {@code path}, in order */
    List<String> connections(String path) {
        return connections.getOrDefault(path, List.of());
    }

    static Route redirect(int status, String location) {
        return (request, response) -> {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.LOCATION, location);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        };
    }

    /** A static entity with validators that honours {@code Range: bytes=N-} and {@code If-Range}. */
    static Route entity(Entity entity, AtomicLong written) {
        return (request, response) -> {
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.ETAG, entity.etag());
            headers.put(HttpHeader.LAST_MODIFIED, HttpDateTime.format(entity.lastModified().atZone(java.time.ZoneOffset.UTC)));
            headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
            long from = rangeStart(request, entity);
            if (from > 0) {
                response.setStatus(206);
                headers.put(HttpHeader.CONTENT_RANGE,
                        "bytes " + from + "-" + (entity.length() - 1) + "/" + entity.length());
            }
            headers.put(HttpHeader.CONTENT_LENGTH, entity.length() - from);
            if (!"HEAD".equals(request.getMethod())) {
                write(response, entity, from, written);
            }
        };
    }

    private static long rangeStart(Request request, Entity entity) {
        String range = request.getHeaders().get(HttpHeader.RANGE);
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        if (range == null || !range.startsWith("bytes=") || !range.endsWith("-")
                || (ifRange != null && !ifRange.equals(entity.etag()))) {
            return 0;
        }
        return Long.parseLong(range.substring(6, range.length() - 1));
    }

    /** Writes the entity's bytes from {@code from} in 64 KiB blocking writes, counting them in {@code written}. */
    static void write(Response response, Entity entity, long from, AtomicLong written) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        for (long pos = from; pos < entity.length(); ) {
            buffer.clear();
            int n = (int) Math.min(buffer.capacity(), entity.length() - pos);
            entity.fill(buffer, pos, n);
            buffer.flip();
            pos += n;
            Content.Sink.write(response, pos == entity.length(), buffer);
            written.addAndGet(n);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** A deterministic pseudo-random body with validators. */
    record Entity(long length, String etag, Instant lastModified) {

        static byte at(long i) {
            long x = (i + 1) * 0x9E3779B97F4A7C15L;
            return (byte) (x >>> 56 ^ x >>> 29 ^ i);
        }

        void fill(ByteBuffer buffer, long from, int n) {
            for (int k = 0; k < n; k++) {
                buffer.put(at(from + k));
            }
        }

        /** @return the SHA-256 of bytes {@code from} to the end */
        byte[] sha256(long from) {
            MessageDigest digest = sha256();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (long pos = from; pos < length; ) {
                buffer.clear();
                int n = (int) Math.min(buffer.capacity(), length - pos);
                fill(buffer, pos, n);
                buffer.flip();
                digest.update(buffer);
                pos += n;
            }
            return digest.digest();
        }

        static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
