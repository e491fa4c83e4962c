package org.qmgr.engine.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one engine since it started, for {@link QueueManagerMXBean}: bytes written to temp files, the
 * rate over the last {@value #WINDOW_SECONDS} seconds, and transfer failures by kind ({@link ErrorKinds}).
 * Lock-free: {@link #written} runs per chunk on transfer threads, so it only adds to a striped counter and a
 * per-second bucket.
 */
final class TransferMetrics {

    /** The throughput window, in whole seconds, besides the second in progress. */
    static final int WINDOW_SECONDS = 5;
    private static final int SLOTS = WINDOW_SECONDS + 1;
    private static final long SECOND = 1_000_000_000L;

    private final MonotonicClock clock;
    private final long startNanos;
    private final LongAdder bytes = new LongAdder();
    /** Bytes per second of the clock, in a ring: slot {@code s % SLOTS} holds second {@code s}'s bytes. */
    private final AtomicLongArray slotBytes = new AtomicLongArray(SLOTS);
    private final AtomicLongArray slotSecond = new AtomicLongArray(SLOTS);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    TransferMetrics(MonotonicClock clock) {
        this.clock = clock;
        this.startNanos = clock.nanos();
        for (int i = 0; i < SLOTS; i++) {
            slotSecond.set(i, -1);
        }
    }

    /** Bytes of a chunk were written to a temp file. */
    void written(long n) {
        bytes.add(n);
        long second = second(clock.nanos());
        int slot = (int) (second % SLOTS);
        long held = slotSecond.get(slot);
        // The first writer in a new second recycles the slot; a chunk of a racing writer may be lost from
        // the rate (never from the total), which a gauge can afford.
        if (held != second && slotSecond.compareAndSet(slot, held, second)) {
            slotBytes.set(slot, 0);
        }
        slotBytes.addAndGet(slot, n);
    }

    /** A transfer failed (transient or not). */
    void failed(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** @return bytes written to temp files since the engine started */
    long bytesTransferred() {
        return bytes.sum();
    }

    /** @return bytes per second over the last {@value #WINDOW_SECONDS} seconds and the one in progress */
    long throughput() {
        long now = clock.nanos();
        long second = second(now);
        long sum = 0;
        for (int i = 0; i < SLOTS; i++) {
            long s = slotSecond.get(i);
            if (s >= 0 && s > second - SLOTS && s <= second) {
                sum += slotBytes.get(i);
            }
        }
        // The window is shorter while the engine is younger than it.
        long windowNanos = Math.min(WINDOW_SECONDS * SECOND + (now - startNanos) % SECOND, now - startNanos);
        return windowNanos <= 0 ? 0 : (long) (sum * (double) SECOND / windowNanos);
    }

    /** @return failures by kind since the engine started, sorted by kind */
    Map<String, Long> errorsByKind() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((kind, n) -> copy.put(kind, n.sum()));
        return copy;
    }

    private long second(long nanos) {
        return (nanos - startNanos) / SECOND;
    }
}
