package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.notify.QueueEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes acknowledged notifications from the store's outbox. Acknowledgements arrive on listener threads
 * and return at once; they are deleted in batches, one transaction per batch, on the engine's scheduler
 * thread, so that a group of 10,000 files with FILE_DONE costs a handful of deletes, not 10,000. While the
 * store is down they wait and are tried again; if the JVM stops first, the notifications are delivered once
 * more after the restart (at least once).
 */
final class NotificationAcks {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationAcks.class);
    private static final int BATCH = 1000;
    private static final long RETRY_MILLIS = 1000;

    private final QueueCore core;
    private final ScheduledExecutorService executor;
    private final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    NotificationAcks(QueueCore core, ScheduledExecutorService executor) {
        this.core = core;
        this.executor = executor;
    }

    /** @param event a notification delivered, superseded or dropped; ignored when it is not stored */
    void acknowledge(QueueEvent event) {
        if (!event.stored() || !core.isActive()) {
            return;
        }
        acknowledged.add(event.sequence());
        schedule(0);
    }

    private void schedule(long delayMillis) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.schedule(this::flush, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                scheduled.set(false);
                LOG.debug("acknowledgements not stored, the engine stops: {}", e.toString());
            }
        }
    }

    /** Deletes what has been acknowledged so far; on a store failure, keeps it and tries again later. */
    void flush() {
        scheduled.set(false);
        while (core.isActive()) {
            List<Long> batch = new ArrayList<>();
            Long next;
            while (batch.size() < BATCH && (next = acknowledged.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                core.write(tx -> {
                    tx.deleteNotifications(batch);
                    return null;
                });
            } catch (QmgrServiceUnavailableException e) {
                acknowledged.addAll(batch);
                LOG.debug("{} acknowledged notifications wait for the queue store: {}", batch.size(), e.getMessage());
                schedule(RETRY_MILLIS);
                return;
            }
        }
    }

    /** @return acknowledgements not yet deleted (tests) */
    int backlog() {
        return acknowledged.size();
    }
}
