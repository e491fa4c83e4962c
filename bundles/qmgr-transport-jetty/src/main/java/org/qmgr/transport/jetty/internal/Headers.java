package org.qmgr.transport.jetty.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpDateTime;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/** Reads the response headers the engine cares about into a {@link ResponseInfo}, {@code Retry-After} and dates. */
final class Headers {

    private static final Pattern CONTENT_RANGE =
            Pattern.compile("\\s*bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)\\s*", Pattern.CASE_INSENSITIVE);

    private Headers() {
    }

    /**
     * @param status        the final 2xx status
     * @param headers       its headers
     * @param requestedFrom the offset asked for (0 when no {@code Range} was sent)
     * @param url           the original URL, for messages
     * @return the metadata
     * @throws TransportException {@code INVALID_RESPONSE} for a 206 whose {@code Content-Range} is missing,
     *         malformed, inconsistent or does not start at {@code requestedFrom}
     */
    static ResponseInfo info(int status, HttpFields headers, long requestedFrom, String url) throws TransportException {
        long contentLength;
        try {
            contentLength = headers.getLongField(HttpHeader.CONTENT_LENGTH);
        } catch (NumberFormatException e) {
            throw Failures.of(Kind.INVALID_RESPONSE, "malformed Content-Length", url);
        }
        String etag = headers.get(HttpHeader.ETAG);
        Instant lastModified = date(headers.get(HttpHeader.LAST_MODIFIED));
        boolean acceptsRanges = acceptsBytes(headers.get(HttpHeader.ACCEPT_RANGES));
        if (status != 206) {
            return new ResponseInfo(status, contentLength, 0, contentLength, etag, lastModified, acceptsRanges);
        }
        String contentRange = headers.get(HttpHeader.CONTENT_RANGE);
        Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange);
        if (m == null || !m.matches()) {
            throw Failures.of(Kind.INVALID_RESPONSE, "206 without a usable Content-Range [" + contentRange + "]", url);
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        long rangeLength = end - start + 1;
        if (end < start || (total >= 0 && end >= total) || (contentLength >= 0 && contentLength != rangeLength)) {
            throw Failures.of(Kind.INVALID_RESPONSE, "inconsistent Content-Range [" + contentRange + "]", url);
        }
        if (start != requestedFrom) {
            throw Failures.of(Kind.INVALID_RESPONSE,
                    "Content-Range starts at " + start + ", not at the requested " + requestedFrom, url);
        }
        // 206 bodies always carry exactly the range, with or without Content-Length.
        return new ResponseInfo(206, rangeLength, start, total, etag, lastModified, acceptsRanges);
    }

    /**
     * @param value a {@code Retry-After} value: delta seconds or an HTTP date; may be {@code null}
     * @param now   the current time
     * @return the delay (never negative; a number too large for a {@code long} gives the largest), or
     *         {@code null} when absent or unparsable; the engine caps what it honours
     */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                // More seconds than a long holds is still a (silly) request to wait: the engine caps it.
                return Duration.ofSeconds(Long.MAX_VALUE);
            }
        }
        Instant when = date(v);
        if (when == null) {
            return null;
        }
        Duration d = Duration.between(now, when);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** @return the parsed HTTP date (IMF-fixdate, RFC 850 or asctime), or {@code null} */
    static Instant date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            ZonedDateTime parsed = HttpDateTime.parse(value.trim());
            return parsed == null ? null : parsed.toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean acceptsBytes(String acceptRanges) {
        if (acceptRanges == null) {
            return false;
        }
        for (String unit : acceptRanges.split(",")) {
            if (unit.trim().toLowerCase(Locale.ROOT).equals("bytes")) {
                return true;
            }
        }
        return false;
    }
}
