package org.qmgr.engine.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.store.QueueStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the queue store answers: an outage starts at the first failed round trip and ends at the next
 * successful one. One ERROR line starts it and one INFO line ends it; while it lasts, calls that need the
 * store fail at once, and a retry (the queue load, or a probe) runs on the timer thread with capped back-off.
 */
final class StoreHealth {

    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

    private final String storeName;
    private final MonotonicClock clock;
    private final ScheduledExecutorService timers;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private volatile Runnable retry = () -> { };
    private volatile Runnable recovered = () -> { };

    /** The outage in progress, or {@code null} while the store answers. */
    private volatile Outage outage;

    /** An outage: when it started, its latest cause, and the pending retry. Guarded by the health object. */
    private static final class Outage {
        final long sinceNanos;
        RuntimeException cause;
        Duration delay;
        ScheduledFuture<?> pending;

        Outage(long sinceNanos, RuntimeException cause, Duration delay) {
            this.sinceNanos = sinceNanos;
            this.cause = cause;
            this.delay = delay;
        }
    }

    /**
     * @param storeName  names the store in log lines and messages
     * @param clock      measures the outage
     * @param timers     runs the retries
     * @param firstDelay wait before the first retry; doubles after each failed one
     * @param maxDelay   longest wait between retries
     */
    StoreHealth(String storeName, MonotonicClock clock, ScheduledExecutorService timers, Duration firstDelay,
                Duration maxDelay) {
        this.storeName = storeName;
        this.clock = clock;
        this.timers = timers;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * @param retryAction a store round trip run on the timer thread while the store is unavailable; it reports
     *                    its outcome through {@link #succeeded()} or {@link #failed}
     * @param onRecovery  run on the timer thread once an outage ends
     */
    void actions(Runnable retryAction, Runnable onRecovery) {
        this.retry = retryAction;
        this.recovered = onRecovery;
    }

    /** @return whether the store answered the last round trip */
    boolean available() {
        return outage == null;
    }

    /** Records a successful round trip; ends an outage with one INFO line. */
    void succeeded() {
        if (outage == null) {
            return;
        }
        synchronized (this) {
            Outage o = outage;
            if (o == null) {
                return;
            }
            outage = null;
            if (o.pending != null) {
                o.pending.cancel(false);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(clock.nanos() - o.sinceNanos);
            LOG.info("queue store {} available again after {} s", storeName, seconds);
        }
        // Never inline: the caller may hold the engine lock in the middle of a command.
        execute(recovered);
    }

    /**
     * Records a failed round trip: the first of an outage logs one ERROR line (the stack trace at DEBUG) and
     * schedules the retries; later ones log at DEBUG only.
     *
     * @param cause why the store did not answer
     */
    synchronized void failed(RuntimeException cause) {
        Outage o = outage;
        if (o != null) {
            o.cause = cause;
            LOG.debug("queue store {} still unavailable: {}", storeName, describe(cause), cause);
            return;
        }
        outage = new Outage(clock.nanos(), cause, firstDelay);
        LOG.error("queue store {} unavailable: {}; API calls answer QM_E_SERVICE_UNAVAILABLE and transfers wait "
                + "until it answers (retrying with back-off up to {} s)", storeName, describe(cause),
                maxDelay.toSeconds());
        LOG.debug("queue store {} failure", storeName, cause);
        schedule(outage);
    }

    /** @return why the store is unavailable, or {@code null} while it answers */
    RuntimeException cause() {
        Outage o = outage;
        if (o == null) {
            return null;
        }
        synchronized (this) {
            return o.cause;
        }
    }

    /**
     * @param cause why the store did not answer
     * @return the exception for an API call during an outage, naming the store and the cause
     */
    QmgrServiceUnavailableException unavailable(RuntimeException cause) {
        return new QmgrServiceUnavailableException("the queue store " + storeName + " is unavailable: "
                + describe(cause) + "; retrying", cause);
    }

    /** Stops retrying (deactivation). */
    synchronized void close() {
        Outage o = outage;
        if (o != null && o.pending != null) {
            o.pending.cancel(false);
        }
    }

    private void runRetry() {
        Outage o;
        synchronized (this) {
            o = outage;
            if (o == null) {
                return;
            }
            o.pending = null;
        }
        try {
            retry.run();
        } catch (RuntimeException e) {
            failed(e);
        }
        synchronized (this) {
            if (outage == o && o.pending == null) {
                o.delay = o.delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : o.delay.multipliedBy(2);
                schedule(o);
            }
        }
    }

    /** Call with the monitor held. */
    private void schedule(Outage o) {
        try {
            o.pending = timers.schedule(this::runRetry, o.delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("queue store {} retry not scheduled: the engine is stopping", storeName);
        }
    }

    private void execute(Runnable action) {
        try {
            timers.execute(action);
        } catch (RejectedExecutionException e) {
            LOG.debug("queue store {} recovery not run: the engine is stopping", storeName);
        }
    }

    /** @return the cause on one line: the store's own message, or the exception's type and message */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown cause";
        }
        String text = cause instanceof QueueStoreException e ? e.getMessage() + " (" + e.reason() + ")"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        // Database messages may quote SQL over several lines; a log line stays one line.
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
