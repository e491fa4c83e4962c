package org.qmgr.engine.internal;

import java.time.Duration;

/**
 * How long a transient failure waits before its retry when the server said when to come back: a
 * {@code Retry-After} on 503 (RFC 9110 §10.2.3) or 429 (RFC 6585 §4) lengthens the engine's minimum retry delay,
 * never shortens it. The transport parses both forms (delta seconds, HTTP date); the engine bounds the result.
 */
final class RetryAfter {

    /**
     * The longest wait a server's {@code Retry-After} can impose on one retry. A broken or hostile server could
     * otherwise ask for years and park the group for good; a day is beyond any real maintenance window, and the
     * engine then asks again (and the server may ask for another day).
     */
    static final Duration MAX = Duration.ofHours(24);

    private RetryAfter() {
    }

    /**
     * @param httpStatus the status of the failure, or 0
     * @param asked      the server's {@code Retry-After} as the transport read it, or {@code null}
     * @return the wait the engine honours: {@code asked} capped at {@link #MAX} for 503 and 429, else
     *         {@code null} (other statuses carry no retry time the engine acts on)
     */
    static Duration honoured(int httpStatus, Duration asked) {
        if (asked == null || (httpStatus != 503 && httpStatus != 429)) {
            return null;
        }
        if (asked.isNegative()) {
            return Duration.ZERO;
        }
        return asked.compareTo(MAX) > 0 ? MAX : asked;
    }

    /**
     * @param minRetryDelay the engine's minimum retry delay
     * @param honoured      what {@link #honoured} returned for the failure, or {@code null}
     * @param budgetLeft    how long until the no-progress timeout runs out (may be negative)
     * @return the delay before the retry: the minimum delay, lengthened up to {@code honoured} but not past the
     *         no-progress deadline. The no-progress timeout applies as before: at its end the group is in ERROR,
     *         however long the server asked it to wait; a wait cut short that way retries no sooner than the
     *         engine's own minimum.
     */
    static Duration delay(Duration minRetryDelay, Duration honoured, Duration budgetLeft) {
        if (honoured == null || honoured.compareTo(minRetryDelay) <= 0) {
            return minRetryDelay;
        }
        Duration wait = honoured.compareTo(budgetLeft) > 0 ? budgetLeft : honoured;
        return wait.compareTo(minRetryDelay) > 0 ? wait : minRetryDelay;
    }
}
