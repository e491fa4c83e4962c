package org.qmgr.testorigin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An in-process HTTP/1.1 origin on 127.0.0.1 and an OS-chosen port, plain or TLS with a generated
 * {@link OriginCertificate}. It serves deterministic entities of any size per path ({@link #serve}) with a
 * strong ETag, Last-Modified and Range/If-Range, misbehaves per path as the {@link Fault}s switched on for it
 * say, and records every request. For tests only.
 * <pre>{@code
 * try (FaultOrigin origin = FaultOrigin.http()) {
 *     Resource r = origin.serve("/f", 100_000).fault(Fault.resetAt(40_000));
 *     // download origin.url("/f"), then compare with r.sha256(), inspect origin.requests("/f")
 * }
 * }</pre>
 */
public final class FaultOrigin implements AutoCloseable {

    /** Response headers up to this size are sent (Jetty's default of 8 KiB would refuse huge-header faults). */
    private static final int MAX_RESPONSE_HEADERS = 1024 * 1024;

    private final Server server = new Server();
    private final ServerConnector connector;
    private final String scheme;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    private final Pacer pacer = new Pacer();

    private FaultOrigin(OriginCertificate certificate, boolean alpn) throws Exception {
        HttpConfiguration http = new HttpConfiguration();
        http.setResponseHeaderSize(MAX_RESPONSE_HEADERS);
        http.setSendServerVersion(false);
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        if (certificate == null) {
            connector = new ServerConnector(server, h1);
            scheme = "http";
        } else {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(certificate.keyStore().toString());
            tls.setKeyStorePassword(OriginCertificate.PASSWORD);
            tls.setKeyStoreType("PKCS12");
            // The test certificate is for 127.0.0.1: Jetty's own SNI host check must not refuse it.
            tls.setSniRequired(false);
            if (alpn) {
                // ALPN offering only http/1.1: a client that offers h2 negotiates HTTP/1.1 rather than guessing.
                ALPNServerConnectionFactory negotiation = new ALPNServerConnectionFactory("http/1.1");
                negotiation.setDefaultProtocol("http/1.1");
                connector = new ServerConnector(server, new SslConnectionFactory(tls, negotiation.getProtocol()),
                        negotiation, h1);
            } else {
                connector = new ServerConnector(server, new SslConnectionFactory(tls, h1.getProtocol()), h1);
            }
            scheme = "https";
        }
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

    /** @return a started plain HTTP origin */
    public static FaultOrigin http() throws Exception {
        return new FaultOrigin(null, false);
    }

    /** @return a started HTTPS origin presenting {@code certificate}, negotiating HTTP/1.1 by ALPN */
    public static FaultOrigin https(OriginCertificate certificate) throws Exception {
        return new FaultOrigin(java.util.Objects.requireNonNull(certificate, "certificate"), true);
    }

    /**
     * @return a started HTTPS origin presenting {@code certificate} that ignores ALPN (an older HTTP/1.1-only
     *         server): a client must not assume HTTP/2 when nothing was negotiated
     */
    public static FaultOrigin httpsWithoutAlpn(OriginCertificate certificate) throws Exception {
        return new FaultOrigin(java.util.Objects.requireNonNull(certificate, "certificate"), false);
    }

    /**
     * Serves {@code size} deterministic bytes (seeded by the path) at {@code path}, with no fault yet.
     *
     * @return the resource, to switch faults on and to read what it serves
     */
    public Resource serve(String path, int size) {
        Resource r = new Resource(path.hashCode(), size);
        resources.put(path, r);
        return r;
    }

    /** @return the absolute URL of {@code path} on this origin */
    public String url(String path) {
        return scheme + "://127.0.0.1:" + connector.getLocalPort() + path;
    }

    /** @return every request for {@code path} (any method, any query), in arrival order */
    public List<RecordedRequest> requests(String path) {
        return log.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** @return the GETs for {@code path}, redirect hops included, in arrival order */
    public List<RecordedRequest> gets(String path) {
        return requests(path).stream().filter(RecordedRequest::isGet).toList();
    }

    private void serve(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        log.add(new RecordedRequest(request.getMethod(), path, request.getHttpURI().getQuery(),
                request.getHeaders().get(HttpHeader.RANGE), request.getHeaders().get(HttpHeader.IF_RANGE),
                request.getHeaders().get(HttpHeader.ACCEPT_ENCODING), System.nanoTime()));
        Resource r = resources.get(path);
        if (r == null) {
            Response.writeError(request, response, callback, 404);
            return;
        }
        new Exchange(request, response, callback, r, pacer).serve();
    }

    /** Ends every stall and trickle, then stops the server. */
    @Override
    public void close() throws IOException {
        pacer.release();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IOException("cannot stop the fault origin", e);
        }
    }
}
