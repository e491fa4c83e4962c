package org.qmgr.shell.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One group's transfer rate from successive byte counts: bytes over the samples of the last few seconds, so a
 * single slow poll neither freezes nor spikes the display.
 */
final class RateMeter {

    private static final long WINDOW_NANOS = 5_000_000_000L;

    private final Deque<long[]> samples = new ArrayDeque<>();

    /**
     * @param nanos monotonic time of the sample
     * @param bytes bytes done at that time
     * @return bytes per second over the window, or -1 until two samples span some time
     */
    double sample(long nanos, long bytes) {
        if (!samples.isEmpty() && bytes < samples.peekLast()[1]) {
            samples.clear(); // restarted from scratch: the old samples say nothing about the new rate
        }
        samples.addLast(new long[] {nanos, bytes});
        while (samples.size() > 2 && nanos - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        long span = nanos - first[0];
        return span <= 0 ? -1 : (bytes - first[1]) * 1e9 / span;
    }
}
