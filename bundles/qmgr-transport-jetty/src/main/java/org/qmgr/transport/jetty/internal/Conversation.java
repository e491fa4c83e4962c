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
    private final Challenges challenges;
    private final int maxRedirects;
    private final long readTimeoutMillis;

    Conversation(HttpClient client, int maxRedirects, long readTimeoutMillis) {
        this.client = client;
        this.challenges = new Challenges(client);
        this.maxRedirects = maxRedirects;
        this.readTimeoutMillis = readTimeoutMillis;
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
        Authentication.Result authorization = null;
        while (true) {
            Request sent = newRequest(method, uri, request, authorization);
            Hop hop = Hop.send(sent, url);
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

    private Request newRequest(HttpMethod method, URI uri, TransportRequest request,
                               Authentication.Result authorization) throws TransportException {
        Request r;
        try {
            r = client.newRequest(uri);
        } catch (RuntimeException e) {
            throw Failures.map(e, request.url());
        }
        r.method(method).followRedirects(false).idleTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS);
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
