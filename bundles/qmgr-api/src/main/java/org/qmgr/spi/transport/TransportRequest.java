package org.qmgr.spi.transport;

import java.util.Map;
import java.util.Objects;

/**
 * One request the engine asks a transport to make.
 *
 * @param url         the remote URL exactly as the client gave it (never escaped nor unescaped, spec §1.10.6);
 *                    every request, resumes included, starts from this original URL (spec A-22)
 * @param offset      first byte wanted; 0 for the whole entity, above 0 for {@code Range: bytes=offset-}
 * @param ifRange     validator for {@code If-Range} when {@code offset > 0} (a strong ETag, or an HTTP date);
 *                    {@code null} for none
 * @param credentials server credentials to answer an authentication challenge with, or {@code null}
 * @param headers     extra request headers (never {@code null}; may be empty): the group's custom headers, which
 *                    follow the rules of {@code org.qmgr.api.CustomHeaders}; a transport speaking HTTP sends them
 *                    with every request it makes for this one, redirect hops included. {@code Range} and
 *                    {@code If-Range} set by the transport win over extras of the same name, and extras must
 *                    not carry {@code Authorization} (use {@code credentials})
 */
public record TransportRequest(String url, long offset, String ifRange, Credentials credentials,
                               Map<String, String> headers) {

    /** Validates and copies the arguments. */
    public TransportRequest {
        Objects.requireNonNull(url, "url");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * A request for a whole resource, without credentials or extra headers.
     *
     * @param url the remote URL, never {@code null}
     * @return the request
     */
    public static TransportRequest of(String url) {
        return new TransportRequest(url, 0, null, null, Map.of());
    }

    /**
     * The same request, resuming at {@code newOffset} guarded by {@code newIfRange}.
     *
     * @param newOffset  first byte wanted
     * @param newIfRange validator for {@code If-Range}, or {@code null}
     * @return a new request
     */
    public TransportRequest withRange(long newOffset, String newIfRange) {
        return new TransportRequest(url, newOffset, newIfRange, credentials, headers);
    }

    /**
     * The same request answering challenges with the given credentials.
     *
     * @param newCredentials credentials, or {@code null} for none
     * @return a new request
     */
    public TransportRequest withCredentials(Credentials newCredentials) {
        return new TransportRequest(url, offset, ifRange, newCredentials, headers);
    }
}
