package org.qmgr.transport.jetty.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/** Parses request URLs and redirect targets without escaping or unescaping them (spec §1.10.6). */
final class Urls {

    private Urls() {
    }

    /**
     * @param url the URL exactly as the client gave it
     * @return it as a URI
     * @throws TransportException {@code UNSUPPORTED} for bad syntax, another scheme than http(s), or no host
     */
    static URI parse(String url) throws TransportException {
        try {
            return checked(new URI(url), url);
        } catch (URISyntaxException e) {
            throw new TransportException(Kind.UNSUPPORTED, "malformed URL: " + Failures.redact(url), null);
        }
    }

    /**
     * @param base     the URL that answered with a redirect
     * @param location its {@code Location} header
     * @param url      the original URL, for messages
     * @return the absolute redirect target
     * @throws TransportException {@code INVALID_RESPONSE} for a malformed location, {@code UNSUPPORTED} for one
     *         this transport cannot follow (another scheme)
     */
    static URI resolve(URI base, String location, String url) throws TransportException {
        URI target;
        try {
            target = new URI(location.trim());
        } catch (URISyntaxException e) {
            throw Failures.of(Kind.INVALID_RESPONSE, "malformed redirect location from", url);
        }
        if (!target.isAbsolute()) {
            // URI.resolve mishandles an empty base path ("http://h" + "x" gives "http://hx").
            URI b = base.getRawPath() == null || base.getRawPath().isEmpty()
                    ? URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/") : base;
            target = b.resolve(target);
        }
        return checked(target, url);
    }

    private static URI checked(URI uri, String url) throws TransportException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw Failures.of(Kind.UNSUPPORTED, "not an http or https URL: " + Failures.redact(uri.toString())
                    + ", reached from", url);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw Failures.of(Kind.UNSUPPORTED, "URL without a usable host: " + Failures.redact(uri.toString())
                    + ", reached from", url);
        }
        return uri;
    }
}
