package org.qmgr.testorigin;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour of the {@link FaultOrigin} for one path, switched on with {@link Resource#fault(Fault)}.
 * Faults combine: e.g. a reset at byte n followed by a Range-ignoring retry. Faults with a {@code times}
 * count fire on that many GETs (the first ones to reach them) and then the origin behaves again; the others
 * hold for every request. Byte offsets count from the start of the entity as served.
 */
public sealed interface Fault {

    /** Fires on every request. */
    int ALWAYS = Integer.MAX_VALUE;

    /** The TCP connection is reset (RST) once the body reached {@code offset}. */
    record ResetAt(long offset, int times) implements Fault {
    }

    /** The body stops at {@code offset} for {@code duration}, then goes on (into a connection maybe closed). */
    record Stall(Duration duration, long offset, int times) implements Fault {
        /** @throws NullPointerException without a duration */
        public Stall {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * GETs are answered with {@code code} (e.g. 500, 502, 503, 429), with a Retry-After when not {@code null}: in
     * whole seconds, or with {@code asHttpDate} as the HTTP date that far ahead (whole seconds, rounded up).
     */
    record Status(int code, Duration retryAfter, int times, boolean asHttpDate) implements Fault {
        /** Retry-After, if any, in seconds. */
        public Status(int code, Duration retryAfter, int times) {
            this(code, retryAfter, times, false);
        }
    }

    /** Range and If-Range are ignored: every GET gets 200 and the whole entity, no Accept-Ranges. */
    record IgnoreRange() implements Fault {
    }

    /**
     * The entity changes after the first GET (new content of the same size, a new strong ETag and a
     * Last-Modified a minute later): the file changed mid-download. With {@code honourIfRange} the origin is
     * correct and answers a stale If-Range with 200 and the whole new entity; without, it is a broken cache
     * that answers 206 with the new entity's bytes whatever the If-Range says.
     */
    record RotateValidators(boolean honourIfRange) implements Fault {
    }

    /** Content-Length announces the whole entity, but the connection is closed (FIN) after {@code closeAt}. */
    record ShortLength(long closeAt, int times) implements Fault {
    }

    /** {@code extra} bytes follow the body that Content-Length announced, then the connection is closed. */
    record LongBody(int extra) implements Fault {
    }

    /** No Content-Length (GET and HEAD): the body is sent with chunked transfer encoding. */
    record Chunked() implements Fault {
    }

    /** Each request for the path is redirected (302) {@code hops} times before the entity is served. */
    record RedirectChain(int hops) implements Fault {
    }

    /** Each request for the path is redirected (302) between two URLs of it forever. */
    record RedirectLoop() implements Fault {
    }

    /** Responses carry about {@code bytes} of extra header fields. */
    record HugeHeaders(int bytes) implements Fault {
    }

    /** The body goes out at about {@code bytesPerSecond}, in small pieces. */
    record Trickle(int bytesPerSecond) implements Fault {
        /** @throws IllegalArgumentException for a rate below 1 */
        public Trickle {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("bytesPerSecond < 1: " + bytesPerSecond);
            }
        }
    }

    /**
     * The entity is the gzip of the content, with {@code Content-Encoding: gzip} whatever the request's
     * Accept-Encoding said (like a server publishing pre-compressed files); lengths and ranges count gzip bytes.
     */
    record Gzip() implements Fault {
    }

    /** @return the connection is reset at {@code offset}, on the first GET that gets there */
    static Fault resetAt(long offset) {
        return new ResetAt(offset, 1);
    }

    /** @return the first GET to reach {@code offset} stalls there for {@code duration} */
    static Fault stall(Duration duration, long offset) {
        return new Stall(duration, offset, 1);
    }

    /** @return the first {@code times} GETs get {@code code}, without Retry-After */
    static Fault status(int code, int times) {
        return new Status(code, null, times);
    }

    /** @return the first {@code times} GETs get {@code code} with {@code Retry-After: <whole seconds>} */
    static Fault status(int code, Duration retryAfter, int times) {
        return new Status(code, Objects.requireNonNull(retryAfter, "retryAfter"), times);
    }

    /**
     * @return the first {@code times} GETs get {@code code} with {@code Retry-After: <HTTP date>}, the date
     *         {@code retryAfter} after the answer, rounded up to the next whole second
     */
    static Fault statusWithRetryDate(int code, Duration retryAfter, int times) {
        return new Status(code, Objects.requireNonNull(retryAfter, "retryAfter"), times, true);
    }

    /** @return every GET gets the whole entity with 200 */
    static Fault ignoreRange() {
        return new IgnoreRange();
    }

    /** @return the entity changes after the first GET; the origin honours If-Range */
    static Fault rotateValidators() {
        return new RotateValidators(true);
    }

    /** @return the first GET announces the whole entity but closes the connection after {@code closeAt} */
    static Fault shortLength(long closeAt) {
        return new ShortLength(closeAt, 1);
    }

    /** @return every body is followed by {@code extra} bytes Content-Length does not count */
    static Fault longBody(int extra) {
        return new LongBody(extra);
    }

    /** @return no Content-Length, chunked bodies */
    static Fault chunked() {
        return new Chunked();
    }

    /** @return {@code hops} redirects before the entity */
    static Fault redirectChain(int hops) {
        return new RedirectChain(hops);
    }

    /** @return endless redirects */
    static Fault redirectLoop() {
        return new RedirectLoop();
    }

    /** @return about {@code bytes} of extra response header fields */
    static Fault hugeHeaders(int bytes) {
        return new HugeHeaders(bytes);
    }

    /** @return bodies at about {@code bytesPerSecond} */
    static Fault trickle(int bytesPerSecond) {
        return new Trickle(bytesPerSecond);
    }

    /** @return the gzip of the content as the entity, with Content-Encoding: gzip */
    static Fault gzip() {
        return new Gzip();
    }
}
