package org.qmgr.callbacks.internal;

import java.util.Dictionary;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.qmgr.api.callback.QueueObservation;
import org.qmgr.api.callback.QueueObserver;
import org.qmgr.api.dto.ListenerDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An admitted observer: which groups it sees, and its own serial delivery (a mailbox drained on the shared
 * pool), so a slow or throwing observer only delays or loses its own observations.
 */
final class BoundObserver {

    private static final Logger LOG = LoggerFactory.getLogger(BoundObserver.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final QueueObserver observer;
    private final long serviceId;
    private final String bundle;
    private final String identity;
    private final ObserverAdmission.Verdict verdict;
    private final SerialMailbox<QueueObservation> mailbox;
    /** When a failure was last logged at WARN; 0 before the first. */
    private final AtomicLong lastWarnNanos = new AtomicLong();

    /**
     * @param observer  the service
     * @param serviceId its service id
     * @param bundle    symbolic name of the bundle that registered it
     * @param verdict   its admission (admitted)
     * @param pool      runs the deliveries
     */
    BoundObserver(QueueObserver observer, long serviceId, String bundle, ObserverAdmission.Verdict verdict,
                  Executor pool) {
        this.observer = observer;
        this.serviceId = serviceId;
        this.bundle = bundle;
        this.identity = "bundle:" + bundle;
        this.verdict = verdict;
        this.mailbox = new SerialMailbox<>(pool, this::deliver, QueueObserver.MAX_BACKLOG);
    }

    private BoundObserver(BoundObserver old, ObserverAdmission.Verdict verdict) {
        this.observer = old.observer;
        this.serviceId = old.serviceId;
        this.bundle = old.bundle;
        this.identity = old.identity;
        this.verdict = verdict;
        this.mailbox = old.mailbox;
        this.lastWarnNanos.set(old.lastWarnNanos.get());
    }

    /** @return the same observer and backlog under a new verdict (its properties or the administrators changed) */
    BoundObserver rejudged(ObserverAdmission.Verdict newVerdict) {
        return new BoundObserver(this, newVerdict);
    }

    QueueObserver observer() {
        return observer;
    }

    long serviceId() {
        return serviceId;
    }

    /**
     * @param owner the group's owner
     * @param keys  the group's filter keys
     * @return whether this observer is to see the group's events
     */
    boolean sees(String owner, Dictionary<String, ?> keys) {
        return (verdict.admin() || identity.equals(owner)) && (verdict.filter() == null || verdict.filter().match(keys));
    }

    /** Queues an observation for delivery on the pool; never blocks. */
    void offer(QueueObservation observation) {
        mailbox.offer(observation);
    }

    /** Stops delivery: what waits is discarded. */
    void close() {
        mailbox.close();
    }

    private void deliver(QueueObservation observation) {
        try {
            observer.onEvent(observation);
        } catch (Exception | LinkageError e) {
            long now = System.nanoTime();
            long last = lastWarnNanos.get();
            // One WARN per observer per minute: a broken observer must not flood the log at event rate.
            if ((last == 0 || now - last >= WARN_EVERY_NANOS) && lastWarnNanos.compareAndSet(last, now)) {
                LOG.warn("queue observer {} of bundle {} failed on {} of group {} (further failures within a minute"
                        + " are logged at DEBUG): {}", serviceId, bundle, observation.kind(), observation.groupId(),
                        e.toString());
            } else {
                LOG.debug("queue observer {} failed on {} of group {}", serviceId, observation.kind(),
                        observation.groupId(), e);
            }
        }
    }

    /** @return this observer as listed in the runtime DTO */
    ListenerDTO toDTO() {
        ListenerDTO dto = new ListenerDTO();
        dto.kind = "OBSERVER";
        dto.serviceId = serviceId;
        dto.bundle = bundle;
        dto.filter = verdict.filterText();
        dto.admin = verdict.admin();
        dto.dropped = mailbox.dropped();
        return dto;
    }
}
