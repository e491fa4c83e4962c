package org.qmgr.transport.file.internal;

import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * What identifies one version of a source file, in HTTP terms: a strong ETag made of its size, modification
 * time (as fine as the file system keeps it) and file key (device and inode where the OS has them), and its
 * Last-Modified time.
 * <p>
 * A rewrite changes the time (and usually the size), a replacement by rename changes the file key, so the
 * engine's {@code If-Range} no longer matches and the file restarts from 0 (spec A-21). A change that keeps
 * all three (a same-size rewrite within one tick of a coarse clock, then the old time restored) is not seen:
 * the same limit as BITS's size-and-timestamp check.
 *
 * @param etag         the strong ETag, quoted
 * @param lastModified the modification time
 * @param size         the size in bytes
 */
record Validator(String etag, Instant lastModified, long size) {

    /**
     * @param attributes the file's attributes, read through its path
     * @return its validator
     */
    static Validator of(BasicFileAttributes attributes) {
        long size = attributes.size();
        long nanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Object key = attributes.fileKey();
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(nanos)
                + (key == null ? "" : "-" + tokenChars(key.toString())) + "\"";
        return new Validator(etag, attributes.lastModifiedTime().toInstant(), size);
    }

    /**
     * HTTP {@code If-Range} semantics: without a validator a range is served unconditionally; an entity tag
     * must match exactly (strong comparison); a date must equal the Last-Modified time to the second.
     *
     * @param ifRange the engine's {@code If-Range} value, or {@code null}
     * @return whether a range of this version may be served
     */
    boolean matches(String ifRange) {
        if (ifRange == null || ifRange.isBlank()) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return v.equals(etag);
        }
        try {
            Instant date = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return date.equals(lastModified.truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Keeps the key inside ETag syntax (visible ASCII, no quote or backslash). */
    private static String tokenChars(String key) {
        StringBuilder b = new StringBuilder(key.length());
        key.chars().forEach(c -> b.append(c > 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return b.toString();
    }
}
