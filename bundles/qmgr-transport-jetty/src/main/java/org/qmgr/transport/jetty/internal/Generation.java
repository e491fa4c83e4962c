package org.qmgr.transport.jetty.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.client.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configuration's client and the calls using it. After a configuration change the generation is retired:
 * it takes no new calls, and its client is stopped when its last call ends or when the grace period runs out,
 * whichever comes first.
 */
final class Generation {

    private static final Logger LOG = LoggerFactory.getLogger(Generation.class);

    private final HttpClient client;
    private final Conversation conversation;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean retired;
    private volatile Executor stopper;

    Generation(HttpClient client, Conversation conversation) {
        this.client = client;
        this.conversation = conversation;
    }

    Conversation conversation() {
        return conversation;
    }

    HttpClient client() {
        return client;
    }

    /**
     * Registers a call. A call that raced with the closing of a retired generation is refused; the caller then
     * takes the current generation, which was published before this one was retired.
     *
     * @return whether the call may use this generation
     */
    boolean enter() {
        while (!stopped.get()) {
            int c = calls.get();
            if (c < 0) {
                return false;
            }
            if (calls.compareAndSet(c, c + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Ends a call; the last call of a retired generation stops its client. */
    void exit() {
        if (calls.decrementAndGet() == 0 && retired) {
            closeIfIdle();
        }
    }

    /**
     * Takes the generation out of service.
     *
     * @param scheduler runs the stop (never on a Jetty thread: a client cannot stop its pool from inside it) and
     *                  the end of the grace period
     * @param grace     how long calls in progress may go on
     */
    void retire(ScheduledExecutorService scheduler, Duration grace) {
        stopper = scheduler;
        retired = true;
        if (!closeIfIdle()) {
            LOG.info("HTTP transport reconfigured: {} transfer(s) finish on the previous connections (at most {} s)",
                    Math.max(0, calls.get()), grace.toSeconds());
            scheduler.schedule(this::stopNow, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Closes to new calls and stops the client when no call is in progress; -1 marks "closed". */
    private boolean closeIfIdle() {
        if (!calls.compareAndSet(0, -1)) {
            return false;
        }
        try {
            stopper.execute(this::stopNow);
        } catch (RejectedExecutionException shuttingDown) {
            stopNow();
        }
        return true;
    }

    /** Stops the client now, failing whatever it still carries; runs once. */
    void stopNow() {
        if (stopped.compareAndSet(false, true)) {
            int inProgress = calls.get();
            if (inProgress > 0) {
                LOG.warn("Closing the previous HTTP connections with {} transfer(s) still in progress; they will be "
                        + "retried", inProgress);
            }
            Clients.stopQuietly(client);
        }
    }

    boolean isStopped() {
        return stopped.get();
    }
}
