package org.qmgr.engine.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.qmgr.engine.internal.GroupWorker.StopSignal;

/**
 * One throughput cap (spec §1.6, A-18) as a token bucket shared by the transfers that pay into it
 * ({@link Bandwidth}). A transfer pays for each chunk it has read and waits out the debt before it asks the
 * transport for more, so the cap slows the network read itself. The rate is read live (0 = unlimited) on a
 * monotonic clock: a lowered rate clamps what accrued to the new, smaller burst, a raised one shortens the
 * wait already under way.
 */
final class RateLimiter implements Throttle {

    /** Longest single park: a stop, a yield or a rate change is seen this quickly even without an unpark. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int MIN_READ = 4096;
    /** How long after its last wait a cap still counts as holding transfers back ({@link #holdingCap}). */
    private static final long HOLDING_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final MonotonicClock clock;
    private final LongSupplier bytesPerSecond;
    private final Supplier<String> capKey;
    /** Monotonic time a transfer last waited for this bucket, or 0 if none ever did; read without the lock. */
    private volatile long lastWaitNanos;
    /** Guarded by this: bytes that may be read now; negative while in debt. */
    private double tokens;
    private long lastRate;
    private long refilledNanos;

    /**
     * @param clock          the engine's monotonic clock
     * @param bytesPerSecond the current cap, read on every call; 0 or less means unlimited
     */
    RateLimiter(MonotonicClock clock, LongSupplier bytesPerSecond) {
        this(clock, bytesPerSecond, () -> "cap");
    }

    /**
     * @param capKey the configuration key of the cap now in force, for {@link #holdingCap}
     */
    RateLimiter(MonotonicClock clock, LongSupplier bytesPerSecond, Supplier<String> capKey) {
        this.clock = clock;
        this.bytesPerSecond = bytesPerSecond;
        this.capKey = capKey;
    }

    /** @return how much a capped transfer reads at once: an eighth of a second's worth, within the buffer */
    @Override
    public int readSize(int buffer) {
        long rate = bytesPerSecond.getAsLong();
        return rate <= 0 ? buffer : (int) Math.min(buffer, Math.max(MIN_READ, rate / 8));
    }

    /**
     * Charges bytes just read and blocks the calling transfer until the bucket is out of debt.
     *
     * @throws StopSignal when the worker is stopped or asked to yield while it waits
     */
    @Override
    public void pay(long bytes, GroupWorker worker) throws StopSignal {
        if (bytesPerSecond.getAsLong() <= 0) {
            return;
        }
        long wait = take(bytes);
        while (wait > 0) {
            lastWaitNanos = clock.nanos();
            worker.checkRunning();
            LockSupport.parkNanos(this, Math.min(wait, MAX_PARK_NANOS));
            wait = take(0);
        }
    }

    @Override
    public String holdingCap(long nowNanos) {
        long last = lastWaitNanos;
        return last != 0 && bytesPerSecond.getAsLong() > 0 && nowNanos - last < HOLDING_NANOS ? capKey.get() : null;
    }

    /** @return nanoseconds until the bucket is out of debt after taking {@code bytes} */
    synchronized long take(long bytes) {
        long rate = refill();
        if (rate <= 0) {
            return 0;
        }
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / rate);
    }

    /** Adds what accrued since the last call at the old rate, then applies the current one. */
    private long refill() {
        long now = clock.nanos();
        long rate = bytesPerSecond.getAsLong();
        if (lastRate > 0) {
            tokens += (double) (now - refilledNanos) * lastRate / NANOS_PER_SECOND;
        } else {
            tokens = capacity(rate);
        }
        if (rate > 0) {
            tokens = Math.min(tokens, capacity(rate));
        }
        lastRate = rate;
        refilledNanos = now;
        return rate;
    }

    /** A tenth of a second's worth of burst, but at least one read. */
    private static double capacity(long rate) {
        return Math.max(MIN_READ, rate / 10.0);
    }
}
