package org.qmgr.transport.jetty.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.Authentication;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;

/**
 * Turns one engine request into HTTP exchanges: follows redirects itself (so the hop count and the last status
 * are ours to report, and every call starts again from the original URL, spec A-22) and answers
 * authentication challenges, until a 2xx response or a failure.
 */
final class Conversation {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final RequestLimit limit;
    private final Challenges challenges;
    private final Settings settings;
    private final TlsAlerts alerts;
    private final H2cOrigins h2cOrigins = new H2cOrigins();

    Conversation(HttpClient client, RequestLimit limit, Settings settings, TlsAlerts alerts) {
        this.client = client;
        this.limit = limit;
        this.challenges = new Challenges(client);
        this.settings = settings;
        this.alerts = alerts;
    }

    /**
     * @param method  GET or HEAD
     * @param request the engine's request
     * @return the exchange of the final 2xx response, headers received, body not yet read
     * @throws TransportException for error statuses, too many redirects and every failure before the headers
     */
    Hop run(HttpMethod method, TransportRequest request) throws TransportException {
        String url = request.url();
        URI original = Urls.parse(url);
        URI uri = original;
        int redirects = 0;
        int maxRedirects = settings.maxRedirects();
        Authentication.Result authorization = null;
        while (true) {
            Request sent = newRequest(method, uri, request, authorization);
            Hop hop = send(sent, uri, url);
            Response response = hop.response();
            int status = response.getStatus();
            String location = response.getHeaders().get(HttpHeader.LOCATION);
            if (REDIRECTS.contains(status) && location != null) {
                hop.discard();
                if (++redirects > maxRedirects) {
                    throw new TransportException(Kind.TOO_MANY_REDIRECTS, status, null,
                            "more than " + maxRedirects + " redirects from " + Failures.redact(url), null);
                }
                uri = Urls.resolve(uri, location, url);
                authorization = null;
                continue;
            }
            if (status == 401 && authorization == null && request.credentials() != null) {
                authorization = challenges.answer(original, uri, sent, response, request.credentials());
                if (authorization != null) {
                    hop.discard();
                    continue;
                }
            }
            if (status < 200 || status > 299) {
                Duration retryAfter = Headers.retryAfter(response.getHeaders().get(HttpHeader.RETRY_AFTER),
                        Instant.now());
                hop.discard();
                throw TransportException.httpStatus(status, retryAfter, Failures.redact(url));
            }
            return hop;
        }
    }

    private Hop send(Request sent, URI uri, String url) throws TransportException {
        long started = System.nanoTime();
        Hop hop;
        try {
            hop = Hop.send(sent, limit, url);
        } catch (TransportException e) {
            if (upgrades(uri)) {
                h2cOrigins.failed(uri);
            }
            throw alerts.explain(e, uri, started, url);
        }
        if (upgrades(uri)) {
            h2cOrigins.answered(uri, hop.response());
        }
        return hop;
    }

    /**
     * Cleartext has no negotiation, so http: names its protocol: h2c by prior knowledge or after an upgrade
     * (see {@link H2cOrigins}), never through an HTTP proxy (which would get the HTTP/2 preface, or drop the
     * hop-by-hop upgrade). https: lets ALPN choose between h2 and HTTP/1.1, unless HTTP/2 is off.
     *
     * @return the explicit version, or {@code null} to negotiate
     */
    private HttpVersion version(URI uri) {
        if (isHttps(uri)) {
            return settings.http2() ? null : HttpVersion.HTTP_1_1;
        }
        boolean h2c = settings.http2Cleartext() == Settings.Cleartext.PRIOR_KNOWLEDGE
                && !settings.proxy().httpProxyFor(uri.getHost());
        return h2c ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1;
    }

    private boolean upgrades(URI uri) {
        return settings.http2Cleartext() == Settings.Cleartext.UPGRADE && !isHttps(uri)
                && !settings.proxy().httpProxyFor(uri.getHost());
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private Request newRequest(HttpMethod method, URI uri, TransportRequest request,
                               Authentication.Result authorization) throws TransportException {
        Request r;
        try {
            r = client.newRequest(uri);
        } catch (RuntimeException e) {
            throw Failures.map(e, request.url());
        }
        r.method(method).followRedirects(false)
                .idleTimeout(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (upgrades(uri)) {
            h2cOrigins.prepare(r, uri);
        } else {
            HttpVersion version = version(uri);
            if (version != null) {
                r.version(version);
            }
        }
        r.headers(h -> {
            request.headers().forEach(h::put);
            if (method == HttpMethod.GET && request.offset() > 0) {
                h.put(HttpHeader.RANGE, "bytes=" + request.offset() + "-");
                if (request.ifRange() != null) {
                    h.put(HttpHeader.IF_RANGE, request.ifRange());
                }
            }
        });
        if (authorization != null) {
            authorization.apply(r);
        }
        return r;
    }
}
