package org.qmgr.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Samples a growing byte count (a group's progress, a file's size) every few milliseconds on a thread of its
 * own, so rates over any window can be read afterwards: {@link #at(long)} interpolates between samples.
 */
final class ByteSampler implements AutoCloseable {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final LongSupplier bytes;
    private final Thread thread;
    /** Guarded by this. */
    private long[] times = new long[4096];
    private long[] values = new long[4096];
    private int size;
    private volatile boolean running = true;

    /** Starts sampling at once. */
    ByteSampler(String name, LongSupplier bytes) {
        this.bytes = bytes;
        thread = new Thread(this::loop, "sampler-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            long value;
            try {
                value = bytes.getAsLong();
            } catch (RuntimeException e) {
                return; // what it samples is gone (e.g. a cancelled group): the samples so far stand
            }
            add(System.nanoTime(), value);
            next += PERIOD_NANOS;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private synchronized void add(long nanos, long value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = nanos;
        values[size++] = value;
    }

    /** @return the last sampled value */
    synchronized long last() {
        return size == 0 ? 0 : values[size - 1];
    }

    /**
     * Waits until a sample passes {@code threshold}.
     *
     * @return the {@link System#nanoTime()} of the first sample above it
     * @throws BenchmarkException when none does within {@code timeoutSeconds}
     */
    long awaitAbove(long threshold, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                for (int i = 0; i < size; i++) {
                    if (values[i] > threshold) {
                        return times[i];
                    }
                }
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
        throw new BenchmarkException("no progress past " + threshold + " bytes within " + timeoutSeconds + " s");
    }

    /** Waits until {@code nanos} (a {@link System#nanoTime()} value) is in the past and sampled. */
    void awaitTime(long nanos) {
        while (System.nanoTime() < nanos + 2 * PERIOD_NANOS) {
            LockSupport.parkNanos(Math.max(PERIOD_NANOS, nanos + 2 * PERIOD_NANOS - System.nanoTime()));
        }
    }

    /** @return the count at {@code nanos}, interpolated between the samples around it */
    synchronized double at(long nanos) {
        int i = Arrays.binarySearch(times, 0, size, nanos);
        if (i >= 0) {
            return values[i];
        }
        int after = -i - 1;
        if (after == 0) {
            return size == 0 ? 0 : values[0];
        }
        if (after == size) {
            return values[size - 1];
        }
        double f = (double) (nanos - times[after - 1]) / (times[after] - times[after - 1]);
        return values[after - 1] + f * (values[after] - values[after - 1]);
    }

    /** @return bytes per second between two instants */
    double rate(long fromNanos, long toNanos) {
        return (at(toNanos) - at(fromNanos)) * 1e9 / (toNanos - fromNanos);
    }

    /**
     * @return nanoseconds from {@code from} until the rate over every {@code windowNanos} window up to
     *         {@code until} stays below {@code bytesPerSecond}, or -1 if the last window is not below it
     */
    long staysBelowAfter(long from, long until, long windowNanos, double bytesPerSecond) {
        long t = until - windowNanos;
        if (t < from || rate(t, until) >= bytesPerSecond) {
            return -1;
        }
        while (t - PERIOD_NANOS >= from && rate(t - PERIOD_NANOS, t - PERIOD_NANOS + windowNanos) < bytesPerSecond) {
            t -= PERIOD_NANOS;
        }
        return t - from;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
