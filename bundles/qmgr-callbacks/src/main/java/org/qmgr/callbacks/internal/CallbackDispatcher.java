package org.qmgr.callbacks.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.api.callback.StatusNotification;
import org.qmgr.api.dto.CallbackRuntimeDTO;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queue events to listeners (spec §5): to the object bound directly to the group, else to the
 * callback service whose class id the group names. Per group in order and one at a time, at most N at once
 * per owner, on this component's own threads, never while holding a lock; a failed notification is
 * delivered again with doubling delays until it succeeds, is superseded, disabled, or its group cancelled.
 */
@Component(service = {NotificationSink.class, CallbackDispatcher.class}, configurationPid = CallbacksConfig.PID)
@Designate(ocd = CallbacksConfig.class)
public class CallbackDispatcher implements NotificationSink {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDispatcher.class);

    /** The engine's view, as handed over with the latest event (the sink holds no reference to the engine). */
    private volatile QueueView view;
    private final ProviderRegistry providers = new ProviderRegistry();
    private final Map<UUID, GroupChannel> channels = new ConcurrentHashMap<>();
    private final OwnerSlots slots;
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final long firstRetryMillis;
    private final long maxRetryMillis;

    /**
     * @param config delivery settings
     */
    @Activate
    public CallbackDispatcher(CallbacksConfig config) {
        this.slots = new OwnerSlots(config.maxConcurrentNotificationsPerOwner());
        this.firstRetryMillis = TimeUnit.SECONDS.toMillis(Math.max(1, config.notificationRetrySeconds()));
        this.maxRetryMillis = Math.max(firstRetryMillis, TimeUnit.SECONDS.toMillis(config.maxNotificationRetrySeconds()));
        // Threads are bounded by the owner slots, not by the pool: a blocked listener holds only its own slot.
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named("qmgr-callback"));
        this.timers = new ScheduledThreadPoolExecutor(1, named("qmgr-callback-timer"));
    }

    /** Stops delivery; notifications still pending are dropped (they are not durable yet). */
    @Deactivate
    public void deactivate() {
        channels.values().forEach(GroupChannel::close);
        timers.shutdownNow();
        executor.shutdown();
    }

    /**
     * Tracks a callback service offered by class id.
     *
     * @param callback   the listener
     * @param properties its service properties (class id, ranking, id)
     */
    @Reference(service = BackgroundCopyCallback.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + BackgroundCopyCallback.CLSID_PROPERTY + "=*)")
    public void bindProvider(BackgroundCopyCallback callback, Map<String, Object> properties) {
        providers.add(callback, properties);
    }

    /** @param callback the listener going away */
    public void unbindProvider(BackgroundCopyCallback callback) {
        providers.remove(callback);
    }

    @Override
    public void publish(QueueEvent event, QueueView queueView) {
        view = queueView;
        if (event.type() == QueueEvent.Type.GROUP_CANCELLED) {
            GroupChannel gone = channels.remove(event.groupId());
            if (gone != null) {
                gone.close();
            }
            return;
        }
        if (!DeliveryPolicy.delivers(event)) {
            return;
        }
        GroupChannel channel = channels.computeIfAbsent(event.groupId(), id -> new GroupChannel());
        if (channel.offer(event)) {
            submit(channel);
        }
    }

    private void submit(GroupChannel channel) {
        try {
            executor.execute(() -> run(channel));
        } catch (RuntimeException e) {
            LOG.debug("callback delivery stopped: {}", e.toString());
        }
    }

    private void run(GroupChannel channel) {
        QueueEvent event = channel.head();
        if (event == null) {
            return;
        }
        QueueView queueView = view;
        if (queueView == null) {
            retryLater(channel);
            return;
        }
        OptionalInt flags = queueView.notifyFlags(event.groupId());
        if (flags.isEmpty() || DeliveryPolicy.disabled(flags.getAsInt())) {
            // Cancelled, or notifications disabled since: pending ones are dropped (spec §5.2, §5.4).
            channel.close();
            channels.remove(event.groupId(), channel);
            return;
        }
        if (!slots.acquireOrWait(event.owner(), () -> submit(channel))) {
            return;
        }
        channel.running();
        boolean delivered = false;
        try {
            delivered = deliver(queueView, event);
        } finally {
            Runnable next = slots.release(event.owner());
            if (next != null) {
                next.run();
            }
        }
        if (delivered) {
            if (channel.done()) {
                submit(channel);
            }
        } else {
            retryLater(channel);
        }
    }

    private boolean deliver(QueueView view, QueueEvent event) {
        Optional<BackgroundCopyCallback> target = view.directCallback(event.groupId())
                .or(() -> view.notifyClsid(event.groupId()).flatMap(providers::find));
        if (target.isEmpty()) {
            LOG.debug("no listener for group {} yet; {} stays pending", event.groupId(), event.type());
            return false;
        }
        StatusNotification notification = new StatusNotification(view.group(event.groupId()),
                view.job(event.groupId(), event.jobId()), event.fileIndex(), event.status(), event.numOfRetries(),
                event.win32Result(), event.transportResult());
        try {
            target.get().onStatus(notification);
            return true;
        } catch (Exception | LinkageError e) {
            LOG.info("listener for group {} failed on {}; it will be called again: {}", event.groupId(),
                    event.type(), e.toString());
            return false;
        }
    }

    private void retryLater(GroupChannel channel) {
        int failures = channel.failed();
        if (failures < 0) {
            return;
        }
        if (failures == 0) {
            submit(channel);
            return;
        }
        long delay = Math.min(maxRetryMillis, firstRetryMillis << Math.min(20, failures - 1));
        try {
            channel.retryScheduled(timers.schedule(() -> submit(channel), delay, TimeUnit.MILLISECONDS));
        } catch (RuntimeException e) {
            LOG.debug("callback redelivery stopped: {}", e.toString());
        }
    }

    /**
     * Adds what this dispatcher knows to a runtime snapshot: the callback services by class id, those refused,
     * the notifications not delivered yet, and counters.
     *
     * @param dto the snapshot to fill
     */
    public void describe(CallbackRuntimeDTO dto) {
        // TODO(issue 6): filled in with the durable channels.
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
