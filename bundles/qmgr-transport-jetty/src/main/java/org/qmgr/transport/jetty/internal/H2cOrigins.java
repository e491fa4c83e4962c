package org.qmgr.transport.jetty.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;

/**
 * The {@code http2Cleartext = upgrade} mode: what each cleartext origin answered to an HTTP/1.1
 * {@code Upgrade: h2c} request.
 * <p>
 * Jetty moves an upgraded connection into a pool of its own, used only by requests that ask for HTTP/2
 * explicitly. So the first request to an origin offers the upgrade; once the origin has answered in HTTP/2 the
 * following requests ask for HTTP/2 and share that connection, and once it has answered in HTTP/1.1 they stop
 * offering. A connection failure forgets the answer, so a server that changed is asked again.
 */
final class H2cOrigins {

    private static final int MAX_ORIGINS = 4096;

    private final Map<String, Boolean> speaksH2c = new ConcurrentHashMap<>();

    /** Sets the version (and the upgrade offer while the origin's answer is unknown) of a request to {@code uri}. */
    void prepare(Request request, URI uri) {
        Boolean h2c = speaksH2c.get(key(uri));
        if (Boolean.TRUE.equals(h2c)) {
            request.version(HttpVersion.HTTP_2);
            return;
        }
        request.version(HttpVersion.HTTP_1_1);
        if (h2c == null) {
            // RFC 7540 §3.2; an empty HTTP2-Settings means the defaults. Only requests without a body may upgrade.
            request.headers(h -> h.put(HttpHeader.UPGRADE, "h2c").put(HttpHeader.HTTP2_SETTINGS, "")
                    .put(HttpHeader.CONNECTION, "Upgrade, HTTP2-Settings"));
        }
    }

    /** Remembers in which version {@code uri}'s origin answered. */
    void answered(URI uri, Response response) {
        if (speaksH2c.size() >= MAX_ORIGINS) {
            speaksH2c.clear();
        }
        speaksH2c.put(key(uri), response.getVersion() == HttpVersion.HTTP_2);
    }

    /** Forgets {@code uri}'s origin after a failure before any response. */
    void failed(URI uri) {
        speaksH2c.remove(key(uri));
    }

    private static String key(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + (uri.getPort() < 0 ? 80 : uri.getPort());
    }
}
