package org.qmgr.transport.jetty.internal;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The http/https {@link Transport}: HEAD probes and streaming GETs on a Jetty 12 {@link HttpClient} speaking
 * HTTP/1.1 and HTTP/2, rebuilt for new requests when the configuration changes.
 */
@Component(configurationPid = JettyTransport.PID, service = Transport.class,
        property = {Transport.SCHEMES + "=http", Transport.SCHEMES + "=https"})
@Designate(ocd = JettyTransportConfig.class)
public final class JettyTransport implements Transport {

    static final String PID = "org.qmgr.transport.jetty";

    private static final Logger LOG = LoggerFactory.getLogger(JettyTransport.class);
    private static final AtomicInteger GENERATIONS = new AtomicInteger();

    private final ScheduledExecutorService retirer;
    private final Set<Generation> retired = ConcurrentHashMap.newKeySet();
    private final RequestLimit limit;
    private volatile Generation current;
    private volatile boolean deactivated;

    /**
     * Validates the configuration and starts a client. Starting opens no connection and resolves no name: it
     * only starts the selector, the named thread pool and the scheduler; trust and key stores are read from disk.
     *
     * @param config the configuration
     * @throws IllegalArgumentException naming a bad configuration value
     * @throws IllegalStateException    when Jetty cannot start (e.g. a missing Jetty bundle)
     */
    @Activate
    public JettyTransport(JettyTransportConfig config) {
        Settings settings = Settings.from(config);
        limit = new RequestLimit(settings.maxConcurrentRequests());
        retirer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qmgr-http-retire"));
        try {
            current = newGeneration(settings);
        } catch (RuntimeException e) {
            retirer.shutdownNow();
            throw e;
        }
    }

    /**
     * Applies a changed configuration: requests from now on use a new client; calls in progress finish on the
     * previous one, which is stopped when they are done or after {@code reconfigureGraceSeconds}. A bad value is
     * refused and the previous configuration stays in force.
     *
     * @param config the new configuration
     * @throws IllegalArgumentException naming a bad configuration value
     */
    @Modified
    void modified(JettyTransportConfig config) {
        Settings settings = Settings.from(config);
        Generation next = newGeneration(settings);
        Generation previous = current;
        limit.resize(settings.maxConcurrentRequests());
        current = next;
        retired.add(previous);
        previous.retire(retirer, settings.reconfigureGrace());
        retired.removeIf(Generation::isStopped);
    }

    /** Stops every client: aborts open exchanges, closes connections and ends their threads. */
    @Deactivate
    public void deactivate() {
        deactivated = true;
        retirer.shutdownNow();
        try {
            if (!retirer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("HTTP transport: a previous client is still stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        retired.forEach(Generation::stopNow);
        Generation last = current;
        if (last != null) {
            last.stopNow();
        }
    }

    @Override
    public ResponseInfo probe(TransportRequest request) throws TransportException {
        LOG.debug("HEAD {}", Failures.redact(request.url()));
        Generation generation = enter(request.url());
        try {
            Hop hop = generation.conversation().run(HttpMethod.HEAD, request);
            try {
                return Headers.info(hop.response().getStatus(), hop.response().getHeaders(), 0, request.url());
            } finally {
                hop.discard();
            }
        } finally {
            generation.exit();
        }
    }

    @Override
    public TransportResponse open(TransportRequest request) throws TransportException {
        LOG.debug("GET {} from byte {}", Failures.redact(request.url()), request.offset());
        Generation generation = enter(request.url());
        Hop hop;
        try {
            hop = generation.conversation().run(HttpMethod.GET, request);
        } catch (TransportException | RuntimeException e) {
            generation.exit();
            throw e;
        }
        try {
            ResponseInfo info = Headers.info(hop.response().getStatus(), hop.response().getHeaders(),
                    request.offset(), request.url());
            // The generation stays in use until the engine closes the response.
            return new StreamingResponse(hop, info, request.url(), generation::exit);
        } catch (TransportException | RuntimeException e) {
            hop.abort(e);
            generation.exit();
            throw e;
        }
    }

    /** @return the current generation, registered for one call */
    private Generation enter(String url) throws TransportException {
        while (!deactivated) {
            Generation generation = current;
            if (generation.enter()) {
                return generation;
            }
        }
        throw Failures.of(TransportException.Kind.ABORTED, "HTTP transport stopped", url);
    }

    /** @return the global cap on requests in progress (for tests) */
    RequestLimit limit() {
        return limit;
    }

    /** @return the client new requests use (for tests) */
    HttpClient client() {
        return current.client();
    }

    private Generation newGeneration(Settings configured) {
        Settings settings = configured;
        if (!Clients.HPACK_AVAILABLE && (settings.http2() || settings.http2Cleartext() != Settings.Cleartext.OFF)) {
            LOG.warn("HTTP/2 is off: Jetty's HPACK encoder was not found (org.eclipse.jetty.http.PreEncodedHttpField "
                    + "was initialized before this bundle could provide it); requests use HTTP/1.1");
            settings = settings.withoutHttp2();
        }
        String userAgent = userAgent(settings);
        TlsAlerts alerts = new TlsAlerts();
        HttpClient client = Clients.start(settings, userAgent, "qmgr-http-" + GENERATIONS.incrementAndGet(), alerts);
        LOG.info("HTTP transport configured: {}, connect timeout {} s, read timeout {} s, max redirects {}, "
                        + "{} connections per server, {} requests at once, HTTP/2 {}, h2c {}, {}, {}",
                userAgent, settings.connectTimeout().toSeconds(), settings.idleTimeout().toSeconds(),
                settings.maxRedirects(), settings.maxConnectionsPerDestination(), settings.maxConcurrentRequests(),
                settings.http2() ? "on" : "off", settings.http2Cleartext().name().toLowerCase(Locale.ROOT),
                settings.proxy(), settings.tls());
        return new Generation(client, new Conversation(client, limit, settings, alerts));
    }

    private static String userAgent(Settings settings) {
        if (!settings.userAgent().isEmpty()) {
            return settings.userAgent();
        }
        Bundle bundle = FrameworkUtil.getBundle(JettyTransport.class);
        return "qmgr/" + (bundle == null ? "dev" : bundle.getVersion().toString());
    }
}
