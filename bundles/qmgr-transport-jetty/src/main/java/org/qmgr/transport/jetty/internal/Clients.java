package org.qmgr.transport.jetty.internal;

import java.util.List;

import org.eclipse.jetty.alpn.java.client.JDK9ClientALPNProcessor;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.http2.hpack.HpackFieldPreEncoder;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Builds a started Jetty {@link HttpClient} from {@link Settings}: one {@link ClientConnector} shared by an
 * HTTP/1.1 and an HTTP/2 protocol in a dynamic transport, TLS, proxy, timeouts and pool limits.
 */
final class Clients {

    /**
     * Per-stream HTTP/2 receive window. HTTP/2 cannot leave unread bytes in the socket (streams share it), so
     * Jetty buffers up to this much per stream and sends WINDOW_UPDATE only as the engine consumes: this is the
     * memory a slow transfer may hold, and what limits one stream's throughput to window/RTT.
     */
    static final int H2_STREAM_WINDOW = 2 * 1024 * 1024;
    /** Per-connection HTTP/2 receive window, shared by that connection's streams. */
    static final int H2_SESSION_WINDOW = 8 * 1024 * 1024;
    /**
     * HTTP/1.1 network reads: Jetty's 16 KiB default costs a socket read, a parse and a chunk per 16 KiB of a
     * large download; 64 KiB is the largest buffer Jetty's default pool still recycles.
     */
    static final int RESPONSE_BUFFER = 64 * 1024;

    /**
     * Response headers beyond this are a malformed response. Jetty's default is no limit: a broken or hostile
     * server streaming header lines would grow memory without end and, since bytes keep coming, never time out
     * (found by FaultInjectionTest). 256 KiB is far above what real servers send (8 to 64 KiB at most). It holds
     * for HTTP/1.1 and HTTP/2 alike (HTTP/2's own default would be 8 KiB, too small for some real servers).
     */
    static final int MAX_RESPONSE_HEADERS = 256 * 1024;

    /** The providers named in our META-INF/services files; referenced so that bnd imports their packages. */
    static final List<Class<?>> SERVICE_PROVIDERS = List.of(JDK9ClientALPNProcessor.class, HpackFieldPreEncoder.class);
    private static final ClassLoader BUNDLE_LOADER = Clients.class.getClassLoader();

    /**
     * Whether Jetty can encode HTTP/2 headers in this JVM. Jetty loads its HPACK field encoder with a
     * ServiceLoader once, when {@code PreEncodedHttpField} is initialized; done first here, with our class loader
     * (see {@link #withBundleLoader}), it finds ours. Had another bundle initialized it before, HTTP/2 requests
     * would all fail, so the transport then stays on HTTP/1.1.
     */
    static final boolean HPACK_AVAILABLE = hpackAvailable();

    private Clients() {
    }

    /**
     * @param settings  validated settings
     * @param userAgent the User-Agent value
     * @param name      a name for the client's threads
     * @param alerts    where TLS connections report their failures
     * @return a started client
     * @throws IllegalArgumentException when a TLS store cannot be read
     * @throws IllegalStateException    when Jetty cannot start (e.g. a missing Jetty bundle)
     */
    static HttpClient start(Settings settings, String userAgent, String name, TlsAlerts alerts) {
        HttpClient client = newClient(settings, userAgent, name, alerts.connector());
        try {
            client.start();
        } catch (Exception e) {
            stopQuietly(client);
            throw new IllegalStateException("cannot start the HTTP client: " + e, e);
        }
        // Bytes are stored exactly as sent: no Accept-Encoding, no transparent gzip (ranges would not add up).
        client.getContentDecoderFactories().clear();
        // Challenges are answered per request by Conversation, with that request's credentials.
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        return client;
    }

    private static HttpClient newClient(Settings settings, String userAgent, String name, ClientConnector connector) {
        connector.setExecutor(new Threads(name));
        connector.setScheduler(new ScheduledExecutorScheduler(name + "-scheduler", false, BUNDLE_LOADER));
        connector.setConnectTimeout(settings.connectTimeout());
        connector.setIdleTimeout(settings.idleTimeout());
        connector.setSslContextFactory(Tls.contextFactory(settings.tls()));

        HTTP2Client http2 = new HTTP2Client(connector);
        http2.setIdleTimeout(settings.idleTimeout().toMillis());
        http2.setConnectTimeout(settings.connectTimeout().toMillis());
        http2.setInitialStreamRecvWindow(H2_STREAM_WINDOW);
        http2.setInitialSessionRecvWindow(H2_SESSION_WINDOW);
        // The same cap for HTTP/2 header blocks (HPACK-decoded size; announced as SETTINGS_MAX_HEADER_LIST_SIZE).
        // Jetty also copies the HttpClient's value when the protocol starts; set here so it never depends on that.
        http2.setMaxResponseHeadersSize(MAX_RESPONSE_HEADERS);
        ClientConnectionFactory.Info h2 = new ClientConnectionFactoryOverHTTP2.HTTP2(http2);
        ClientConnectionFactory.Info h1 = HttpClientConnectionFactory.HTTP11;
        // The order is the ALPN preference on https; http: requests name their version explicitly (Conversation).
        HttpClient client = new HttpClient(settings.http2() ? new AlpnFallbackTransport(connector, h2, h1)
                : new AlpnFallbackTransport(connector, h1, h2));
        client.setName(name);
        client.setResponseBufferSize(RESPONSE_BUFFER);
        client.setMaxResponseHeadersSize(MAX_RESPONSE_HEADERS);
        client.setAddressResolutionTimeout(settings.connectTimeout().toMillis());
        client.setMaxConnectionsPerDestination(settings.maxConnectionsPerDestination());
        // Our RequestLimit bounds requests in progress; Jetty's per-origin queue must never refuse one of them.
        client.setMaxRequestsQueuedPerDestination(Math.max(1024, settings.maxConcurrentRequests()));
        client.setFollowRedirects(false);
        client.setRedirectCache(null);
        // Jobs of different users share this client: no cookie may travel from one to another.
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        Proxies.configure(client, settings.proxy());
        return client;
    }

    private static boolean hpackAvailable() {
        boolean[] available = new boolean[1];
        withBundleLoader(() -> {
            try {
                available[0] = new PreEncodedHttpField(HttpHeader.VIA, "qmgr").getEncodedLength(HttpVersion.HTTP_2) > 0;
            } catch (RuntimeException noEncoder) {
                available[0] = false;
            }
        });
        return available[0];
    }

    static void stopQuietly(HttpClient client) {
        try {
            client.stop();
        } catch (Exception ignored) {
            // stopping is best effort; what failed to stop holds no transfer
        }
    }

    /**
     * Runs {@code action} with this bundle's class loader as the thread context class loader.
     * <p>
     * Jetty finds its ALPN processor with {@code ServiceLoader.load(ALPNProcessor.Client.class)} when it prepares
     * an https connection, which uses the thread context class loader. In OSGi that loader sees no
     * {@code META-INF/services} of other bundles unless a Service Loader Mediator (Aries SPI Fly) is installed,
     * which Karaf does not ship, and Jetty would then never open the connection. This bundle imports the JDK
     * processor's package and carries the matching {@code META-INF/services} entry, so every thread that may
     * prepare a connection runs with its loader: Jetty's own threads (see {@link #start}) and a caller sending a
     * request. On a flat class path this changes nothing.
     */
    static void withBundleLoader(Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BUNDLE_LOADER);
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Jetty's threads, created with this bundle's class loader as context loader (see {@link #withBundleLoader}). */
    private static final class Threads extends QueuedThreadPool {
        Threads(String name) {
            super(64, 2);
            setName(name);
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = super.newThread(runnable);
            thread.setContextClassLoader(BUNDLE_LOADER);
            return thread;
        }
    }
}
