package org.qmgr.spi.transport;

import java.time.Instant;

/**
 * Metadata of a final (post-redirect) successful response: what the engine needs to size, validate,
 * resume and time-stamp a file.
 *
 * @param status         HTTP-like status code: 206 for a range; any other 2xx is a whole entity
 * @param contentLength  bytes in this response's body, or -1 when unknown
 * @param rangeStart     first byte of the body within the entity for a 206 (from {@code Content-Range}),
 *                       0 for a 200
 * @param entityLength   size of the whole entity, or -1 when unknown (for a 200 it equals the content length,
 *                       for a 206 it is the total of {@code Content-Range})
 * @param etag           the {@code ETag} exactly as sent (with quotes and any {@code W/} prefix), or {@code null}
 * @param lastModified   the {@code Last-Modified} time, or {@code null}
 * @param acceptsRanges  whether the server advertised {@code Accept-Ranges: bytes}
 */
public record ResponseInfo(int status, long contentLength, long rangeStart, long entityLength, String etag,
                           Instant lastModified, boolean acceptsRanges) {

    /** @return {@code true} for a partial (206) response carrying a range of the entity */
    public boolean partial() {
        return status == 206;
    }

    /** @return {@code true} when {@link #etag()} is present and not weak ({@code W/…}) */
    public boolean hasStrongEtag() {
        return etag != null && !etag.startsWith("W/") && !etag.isEmpty();
    }
}
