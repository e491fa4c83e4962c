package org.qmgr.transport.jetty.internal;

import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The http/https {@link Transport}: HEAD probes and streaming GETs on one Jetty 12 {@link HttpClient} (HTTP/1.1). */
@Component(configurationPid = JettyTransport.PID, service = Transport.class,
        property = {Transport.SCHEMES + "=http", Transport.SCHEMES + "=https"})
@Designate(ocd = JettyTransportConfig.class)
public final class JettyTransport implements Transport {

    static final String PID = "org.qmgr.transport.jetty";

    private static final Logger LOG = LoggerFactory.getLogger(JettyTransport.class);

    private final HttpClient client;
    private final Conversation conversation;

    /**
     * Creates and starts the client. Starting opens no connection and resolves no name: it only starts the
     * selector, the named thread pool and the scheduler.
     *
     * @param config the configuration
     * @throws IllegalStateException when Jetty cannot start (e.g. a missing Jetty bundle)
     */
    @Activate
    public JettyTransport(JettyTransportConfig config) {
        client = newClient(config);
        try {
            client.start();
        } catch (Exception e) {
            deactivate();
            throw new IllegalStateException("cannot start the HTTP client", e);
        }
        // Bytes are stored exactly as sent: no Accept-Encoding, no transparent gzip (ranges would not add up).
        client.getContentDecoderFactories().clear();
        // Challenges are answered per request by Conversation, with that request's credentials.
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        long readTimeout = TimeUnit.SECONDS.toMillis(config.readTimeoutSeconds());
        conversation = new Conversation(client, Math.max(0, config.maxRedirects()), readTimeout);
        LOG.info("HTTP transport started ({}, connect timeout {} s, read timeout {} s, max redirects {})",
                client.getUserAgentField().getValue(), config.connectTimeoutSeconds(), config.readTimeoutSeconds(),
                config.maxRedirects());
    }

    /** Stops the client: aborts open exchanges, closes connections and ends its threads. */
    @Deactivate
    public void deactivate() {
        try {
            client.stop();
        } catch (Exception e) {
            LOG.warn("HTTP transport did not stop cleanly", e);
        }
    }

    @Override
    public ResponseInfo probe(TransportRequest request) throws TransportException {
        LOG.debug("HEAD {}", Failures.redact(request.url()));
        Hop hop = conversation.run(HttpMethod.HEAD, request);
        try {
            return Headers.info(hop.response().getStatus(), hop.response().getHeaders(), 0, request.url());
        } finally {
            hop.discard();
        }
    }

    @Override
    public TransportResponse open(TransportRequest request) throws TransportException {
        LOG.debug("GET {} from byte {}", Failures.redact(request.url()), request.offset());
        Hop hop = conversation.run(HttpMethod.GET, request);
        try {
            ResponseInfo info = Headers.info(hop.response().getStatus(), hop.response().getHeaders(),
                    request.offset(), request.url());
            return new StreamingResponse(hop, info, request.url());
        } catch (TransportException | RuntimeException e) {
            hop.abort(e);
            throw e;
        }
    }

    private static HttpClient newClient(JettyTransportConfig config) {
        HttpClient client = new HttpClient();
        client.setName("qmgr-http");
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("qmgr-http");
        client.setExecutor(threads);
        long connectTimeout = TimeUnit.SECONDS.toMillis(config.connectTimeoutSeconds());
        client.setConnectTimeout(connectTimeout);
        client.setAddressResolutionTimeout(connectTimeout);
        client.setIdleTimeout(TimeUnit.SECONDS.toMillis(config.readTimeoutSeconds()));
        client.setMaxConnectionsPerDestination(Math.max(1, config.maxConnectionsPerDestination()));
        client.setFollowRedirects(false);
        client.setRedirectCache(null);
        // Jobs of different users share this client: no cookie may travel from one to another.
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent(config)));
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSslContextFactory(tls);
        return client;
    }

    private static String userAgent(JettyTransportConfig config) {
        if (config.userAgent() != null && !config.userAgent().isBlank()) {
            return config.userAgent().trim();
        }
        Bundle bundle = FrameworkUtil.getBundle(JettyTransport.class);
        return "qmgr/" + (bundle == null ? "dev" : bundle.getVersion().toString());
    }
}
