package org.qmgr.callbacks.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;

import org.qmgr.spi.notify.QueueEvent;

/**
 * One group's notifications, delivered one at a time in the order the events happened (spec §5.4). A
 * notification that failed and waits for redelivery is dropped when a newer one arrives; everything is
 * dropped when the group is cancelled.
 * <p>
 * States: idle (nothing to do), scheduled (a run is queued, waits for an owner slot or a retry timer),
 * running (a listener call is in flight). All methods are synchronized; none calls listener code.
 */
final class GroupChannel {

    private enum State { IDLE, SCHEDULED, RUNNING }

    private final Deque<QueueEvent> queue = new ArrayDeque<>();
    private State state = State.IDLE;
    private boolean headFailed;
    private int failures;
    private ScheduledFuture<?> retry;
    private boolean closed;

    /** @return {@code true} when the caller must start a run */
    synchronized boolean offer(QueueEvent event) {
        if (closed) {
            return false;
        }
        if (headFailed && state == State.SCHEDULED) {
            queue.poll();
            resetHead();
            cancelRetry();
            state = State.IDLE;
        }
        queue.add(event);
        return startIfIdle();
    }

    /** @return the notification to deliver now, or {@code null} when there is none (the channel goes idle) */
    synchronized QueueEvent head() {
        if (closed || queue.isEmpty()) {
            state = State.IDLE;
            return null;
        }
        return queue.peek();
    }

    synchronized void running() {
        state = State.RUNNING;
    }

    /** The head was delivered, or dropped on purpose. @return whether another run must start */
    synchronized boolean done() {
        queue.poll();
        resetHead();
        state = State.IDLE;
        return startIfIdle();
    }

    /**
     * The head's listener failed. A newer notification supersedes it; otherwise it is retried later.
     *
     * @return the number of failures of this head so far, or 0 when it was superseded (run again now)
     */
    synchronized int failed() {
        if (closed) {
            return -1;
        }
        if (queue.size() > 1) {
            queue.poll();
            resetHead();
            state = State.SCHEDULED;
            return 0;
        }
        headFailed = true;
        failures++;
        state = State.SCHEDULED;
        return failures;
    }

    synchronized void retryScheduled(ScheduledFuture<?> future) {
        if (closed) {
            future.cancel(false);
        } else {
            retry = future;
        }
    }

    /** Drops everything: the group is gone or its notifications are disabled. */
    synchronized void close() {
        closed = true;
        queue.clear();
        cancelRetry();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private boolean startIfIdle() {
        if (state == State.IDLE && !queue.isEmpty()) {
            state = State.SCHEDULED;
            return true;
        }
        return false;
    }

    private void resetHead() {
        headFailed = false;
        failures = 0;
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }
}
