package org.qmgr.itests;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP/2 origin of {@link Http2DownloadIT}, in the test driver JVM (never inside Karaf): one Jetty server on
 * 127.0.0.1 with a TLS connector offering h2 and http/1.1 by ALPN (certificate from {@link TestPki}) and a
 * cleartext connector offering HTTP/1.1 and h2c. Both serve both files; every request is recorded as
 * {@code <connector> <method> <path> <HTTP version>} and the record is served as text at {@link #LOG}.
 * Only its compile-time constants may be used inside Karaf (they are inlined): Jetty's server is not there.
 */
public final class Http2Origin {

    /** Path of the request record (itself not recorded). */
    public static final String LOG = "/requests.log";
    /** Size of each served file: 3 MiB. */
    public static final int SIZE = 3 * 1024 * 1024;
    /** Path of the file downloaded over https, and the seed of its {@link TestData#bytes} content. */
    public static final String TLS_PATH = "/tls.bin";
    public static final long TLS_SEED = 7;
    /** Path of the file downloaded over cleartext http, and the seed of its content. */
    public static final String CLEAR_PATH = "/clear.bin";
    public static final long CLEAR_SEED = 8;

    private static Http2Origin running;

    private final Server server = new Server();
    private final ServerConnector tls;
    private final ServerConnector clear;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> bodies = Map.of(
            TLS_PATH, TestData.bytes(TLS_SEED, SIZE),
            CLEAR_PATH, TestData.bytes(CLEAR_SEED, SIZE));

    private Http2Origin(TestPki pki) throws Exception {
        HttpConfiguration clearConfig = new HttpConfiguration();
        clear = new ServerConnector(server, new HttpConnectionFactory(clearConfig),
                new HTTP2CServerConnectionFactory(clearConfig));
        clear.setName("clear");

        HttpConfiguration tlsConfig = new HttpConfiguration();
        tlsConfig.addCustomizer(new SecureRequestCustomizer());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(pki.serverKeys.toString());
        ssl.setKeyStorePassword(TestPki.PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol("http/1.1");
        tls = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                new HTTP2ServerConnectionFactory(tlsConfig), new HttpConnectionFactory(tlsConfig));
        tls.setName("tls");

        for (ServerConnector connector : List.of(clear, tls)) {
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
        }
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                if (LOG.equals(path)) {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                    Content.Sink.write(response, true, String.join("\n", log), callback);
                    return true;
                }
                log.add(request.getConnectionMetaData().getConnector().getName() + " " + request.getMethod() + " "
                        + path + " " + request.getConnectionMetaData().getHttpVersion().asString());
                byte[] body = bodies.get(path);
                if (body == null) {
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                Origin.serve(request, response, callback, body, "\"" + path.hashCode() + "\"");
                return true;
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "h2-origin-stop"));
    }

    /** @return the origin of this driver JVM, started on first use */
    public static synchronized Http2Origin get() throws Exception {
        if (running == null) {
            running = new Http2Origin(TestPki.get());
        }
        return running;
    }

    /** @return the base URL of the TLS connector (h2 or http/1.1 by ALPN) */
    public String httpsUrl() {
        return "https://127.0.0.1:" + tls.getLocalPort();
    }

    /** @return the base URL of the cleartext connector (HTTP/1.1 or h2c) */
    public String httpUrl() {
        return "http://127.0.0.1:" + clear.getLocalPort();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            // the JVM is exiting
        }
    }
}
