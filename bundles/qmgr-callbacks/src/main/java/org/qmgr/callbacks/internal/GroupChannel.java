package org.qmgr.callbacks.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.qmgr.api.dto.PendingNotificationDTO;

/**
 * One group's notifications, delivered one at a time in the order the events happened (spec §5.4). A
 * notification that failed and waits for redelivery is dropped when a newer one arrives; a progress
 * notification not started yet is replaced by a newer one; everything is dropped when the group is cancelled
 * or its notifications disabled. A stored notification already offered (same sequence) is not taken twice.
 * <p>
 * States: idle (nothing to do), scheduled (a run is queued, waits for an owner slot or a retry timer),
 * running (a listener call is in flight). All methods are synchronized; none calls listener code. Dropped
 * notifications are handed to the caller to acknowledge outside the lock.
 */
final class GroupChannel {

    private enum State { IDLE, SCHEDULED, RUNNING }

    private final Deque<Notice> queue = new ArrayDeque<>();
    private State state = State.IDLE;
    private boolean headFailed;
    private int failures;
    private long nextAttemptMillis;
    private String lastFailure;
    private ScheduledFuture<?> retry;
    /** The highest stored sequence taken, so that one handed over twice (live and from the store) runs once. */
    private long lastSequence;
    private boolean closed;

    /**
     * @param notice  a new notification
     * @param dropped receives the notifications it supersedes (to acknowledge)
     * @return {@code true} when the caller must start a run
     */
    synchronized boolean offer(Notice notice, Consumer<Notice> dropped) {
        if (closed) {
            return false;
        }
        long sequence = notice.sequence();
        if (sequence > 0) {
            if (sequence <= lastSequence) {
                return false;
            }
            lastSequence = sequence;
        }
        if (headFailed && state == State.SCHEDULED) {
            dropped.accept(queue.poll());
            resetHead();
            cancelRetry();
            state = State.IDLE;
        }
        if (notice.isProgress()) {
            // A newer progress makes a waiting older one pointless; the running head is left alone.
            Iterator<Notice> waiting = queue.iterator();
            boolean head = true;
            while (waiting.hasNext()) {
                Notice n = waiting.next();
                if (n.isProgress() && !(head && state == State.RUNNING)) {
                    waiting.remove();
                }
                head = false;
            }
        }
        queue.add(notice);
        return startIfIdle();
    }

    /** @return the notification to deliver now, or {@code null} when there is none (the channel goes idle) */
    synchronized Notice head() {
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
     * @param reason  one line, for the runtime DTO
     * @param dropped receives the head when a newer notification supersedes it
     * @return the number of failures of this head so far, 0 when it was superseded (run again now), or -1
     *         when the channel is closed
     */
    synchronized int failed(String reason, Consumer<Notice> dropped) {
        if (closed) {
            return -1;
        }
        if (queue.size() > 1) {
            dropped.accept(queue.poll());
            resetHead();
            state = State.SCHEDULED;
            return 0;
        }
        headFailed = true;
        failures++;
        lastFailure = reason;
        state = State.SCHEDULED;
        return failures;
    }

    synchronized void retryScheduled(ScheduledFuture<?> future, long dueMillis) {
        if (closed) {
            future.cancel(false);
        } else {
            retry = future;
            nextAttemptMillis = dueMillis;
        }
    }

    /**
     * Drops every notification waiting (notifications disabled, group cancelled); the channel stays usable for
     * later events.
     *
     * @return what was dropped, to acknowledge
     */
    synchronized List<Notice> drop() {
        List<Notice> dropped = new ArrayList<>(queue);
        if (state == State.RUNNING && !dropped.isEmpty()) {
            // The call in flight finishes and acknowledges its own notification.
            dropped.remove(0);
            Notice head = queue.peek();
            queue.clear();
            queue.add(head);
        } else {
            queue.clear();
            state = State.IDLE;
        }
        resetHead();
        cancelRetry();
        return dropped;
    }

    /** Stops for good (the dispatcher stops or the engine changed): nothing is acknowledged. */
    synchronized void close() {
        closed = true;
        queue.clear();
        cancelRetry();
    }

    /** Adds the waiting notifications to a runtime snapshot. */
    synchronized void describe(List<PendingNotificationDTO> out) {
        boolean head = true;
        for (Notice n : queue) {
            PendingNotificationDTO dto = new PendingNotificationDTO();
            dto.groupId = n.groupId();
            dto.owner = n.owner();
            dto.event = n.name();
            dto.fileIndex = n.status() != null ? n.status().fileIndex() : n.progress().fileIndex();
            dto.status = n.status() != null ? n.status().status() : 0;
            dto.sequence = n.sequence();
            dto.eventTimeMillis = n.timeMillis();
            if (head) {
                dto.attempts = failures;
                dto.nextAttemptMillis = headFailed ? nextAttemptMillis : 0;
                dto.lastFailure = headFailed ? lastFailure : null;
            }
            out.add(dto);
            head = false;
        }
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
        lastFailure = null;
        nextAttemptMillis = 0;
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }
}
