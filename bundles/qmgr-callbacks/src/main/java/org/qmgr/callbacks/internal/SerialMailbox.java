package org.qmgr.callbacks.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A serial executor for one consumer: items are handed to it in offer order, one at a time, by at most one
 * task of a shared pool; at most {@code capacity} wait, and a full mailbox drops its oldest item (counted).
 * The consumer is never called while the mailbox's lock is held, nor on the offering thread.
 *
 * @param <T> the item type
 */
final class SerialMailbox<T> {

    private final Executor pool;
    private final Consumer<T> consumer;
    private final int capacity;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;
    private long dropped;

    /**
     * @param pool     runs the drain task; shared by many mailboxes
     * @param consumer receives the items; must not throw
     * @param capacity items held before the oldest is dropped
     */
    SerialMailbox(Executor pool, Consumer<T> consumer, int capacity) {
        this.pool = pool;
        this.consumer = consumer;
        this.capacity = capacity;
    }

    /** Queues an item, dropping the oldest when full; ignored once closed. */
    void offer(T item) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
            }
            queue.addLast(item);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The pool is shutting down with its component: nothing will be delivered any more.
            close();
        }
    }

    private void drain() {
        while (true) {
            T item;
            synchronized (this) {
                item = queue.pollFirst();
                if (item == null) {
                    draining = false;
                    return;
                }
            }
            boolean consumed = false;
            try {
                consumer.accept(item);
                consumed = true;
            } finally {
                if (!consumed) {
                    // The consumer broke its contract; the next offer starts a new drain.
                    synchronized (this) {
                        draining = false;
                    }
                }
            }
        }
    }

    /** Discards what waits and refuses further items; an item being consumed finishes. */
    synchronized void close() {
        closed = true;
        queue.clear();
    }

    /** @return items dropped because the mailbox was full */
    synchronized long dropped() {
        return dropped;
    }

    /** @return items waiting */
    synchronized int size() {
        return queue.size();
    }
}
