package org.qmgr.callbacks.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Comparator;
import java.util.List;
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
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.qmgr.api.Guids;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.api.callback.ProgressNotification;
import org.qmgr.api.callback.StatusNotification;
import org.qmgr.api.dto.CallbackRuntimeDTO;
import org.qmgr.api.dto.PendingNotificationDTO;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.notify.ProgressEvent;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers group notifications to listeners (spec §5 with P5–P6): to the object bound directly to the group,
 * else to the callback service whose class id the group names. Per group in order and one at a time, at most
 * N at once per owner, on this component's own threads, never while holding a lock; a failed status
 * notification is delivered again with doubling delays until it succeeds, is superseded, disabled, or its
 * group cancelled. Status notifications come stored (the engine's outbox): each is acknowledged once
 * delivered or dropped, and those the store still holds are handed over again when an engine loads its queue.
 */
@Component(service = {NotificationSink.class, CallbackDispatcher.class}, configurationPid = CallbacksConfig.PID)
@Designate(ocd = CallbacksConfig.class)
public class CallbackDispatcher implements NotificationSink {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDispatcher.class);
    /** Size of the {@code onProgressEx} payload: three little-endian int64 (spec P6). */
    static final int PROGRESS_EX_BYTES = 24;

    private final BundleContext context;
    private final ProviderRegistry providers = new ProviderRegistry();
    private final Map<UUID, GroupChannel> channels = new ConcurrentHashMap<>();
    /** The engine whose notifications the channels hold; another engine's view supersedes them all. */
    private QueueView view;
    private final OwnerSlots slots;
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final long firstRetryMillis;
    private final long maxRetryMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();

    /**
     * Outside OSGi (tests): callback services are named by bundle id only.
     *
     * @param config delivery settings
     */
    public CallbackDispatcher(CallbacksConfig config) {
        this(config, null);
    }

    /**
     * @param config  delivery settings
     * @param context this bundle's context, to name the bundles of callback services; may be {@code null}
     */
    @Activate
    public CallbackDispatcher(CallbacksConfig config, BundleContext context) {
        this.context = context;
        this.slots = new OwnerSlots(config.maxConcurrentNotificationsPerOwner());
        this.firstRetryMillis = TimeUnit.SECONDS.toMillis(Math.max(1, config.notificationRetrySeconds()));
        this.maxRetryMillis = Math.max(firstRetryMillis, TimeUnit.SECONDS.toMillis(config.maxNotificationRetrySeconds()));
        // Threads are bounded by the owner slots, not by the pool: a blocked listener holds only its own slot.
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named("qmgr-callback"));
        this.timers = new ScheduledThreadPoolExecutor(1, named("qmgr-callback-timer"));
    }

    /** Stops delivery; stored notifications not delivered yet stay stored for the next start. */
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
     * @param properties its service properties (class id, ranking, id, bundle id)
     */
    @Reference(service = BackgroundCopyCallback.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + BackgroundCopyCallback.CLSID_PROPERTY + "=*)")
    public void bindProvider(BackgroundCopyCallback callback, Map<String, Object> properties) {
        providers.add(callback, properties, bundleName(properties.get(Constants.SERVICE_BUNDLEID)));
    }

    /** @param callback the listener going away */
    public void unbindProvider(BackgroundCopyCallback callback) {
        providers.remove(callback);
    }

    @Override
    public void publish(QueueEvent event, QueueView queueView) {
        adopt(queueView);
        if (event.type() == QueueEvent.Type.GROUP_CANCELLED) {
            // Its stored notifications went with the group; a call in flight completes (spec §5.4).
            GroupChannel gone = channels.remove(event.groupId());
            if (gone != null) {
                gone.close();
            }
            return;
        }
        if (event.notifiesListeners()) {
            offer(Notice.of(event, queueView));
        }
    }

    @Override
    public void progress(ProgressEvent event, QueueView queueView) {
        if (event.crossed() == null || disabled(event.notifyFlags())) {
            return;
        }
        adopt(queueView);
        offer(Notice.of(event, queueView));
    }

    @Override
    public void pending(List<QueueEvent> stored, QueueView queueView) {
        adopt(queueView);
        for (QueueEvent event : stored) {
            offer(Notice.of(event, queueView));
        }
    }

    /**
     * Another engine instance (a restart of the engine, a new store) supersedes what the channels hold: its
     * store hands over what is still to deliver.
     */
    private synchronized void adopt(QueueView queueView) {
        if (queueView != view) {
            if (view != null) {
                LOG.debug("a new queue engine: {} group channel(s) start afresh", channels.size());
            }
            channels.values().forEach(GroupChannel::close);
            channels.clear();
            view = queueView;
        }
    }

    private void offer(Notice notice) {
        GroupChannel channel = channels.computeIfAbsent(notice.groupId(), id -> new GroupChannel());
        if (channel.offer(notice, Notice::acknowledge)) {
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
        Notice notice = channel.head();
        if (notice == null) {
            return;
        }
        OptionalInt flags = notice.view().notifyFlags(notice.groupId());
        if (flags.isEmpty() || disabled(flags.getAsInt())) {
            // Cancelled, or notifications disabled since: what waits is dropped (spec §5.2, §5.4).
            channel.drop().forEach(Notice::acknowledge);
            if (flags.isEmpty()) {
                channels.remove(notice.groupId(), channel);
            }
            return;
        }
        if (!slots.acquireOrWait(notice.owner(), () -> submit(channel))) {
            return;
        }
        channel.running();
        inFlight.incrementAndGet();
        String failure;
        try {
            failure = deliver(notice);
        } finally {
            inFlight.decrementAndGet();
            Runnable next = slots.release(notice.owner());
            if (next != null) {
                next.run();
            }
        }
        if (failure == null || notice.isProgress()) {
            // Progress is never repeated: the next sample replaces it (BackgroundCopyCallback javadoc).
            if (failure == null) {
                delivered.incrementAndGet();
            }
            notice.acknowledge();
            if (channel.done()) {
                submit(channel);
            }
        } else {
            failedAttempts.incrementAndGet();
            retryLater(channel, failure);
        }
    }

    /** @return {@code null} when the listener returned normally, else why the call failed (one line) */
    private String deliver(Notice notice) {
        QueueView v = notice.view();
        UUID groupId = notice.groupId();
        Optional<UUID> clsid = v.notifyClsid(groupId);
        Optional<BackgroundCopyCallback> target = v.directCallback(groupId).or(() -> clsid.flatMap(providers::find));
        if (target.isEmpty()) {
            LOG.debug("no listener for group {} yet; {} stays pending", groupId, notice.name());
            return clsid.map(id -> "no callback service with class id " + Guids.format(id))
                    .orElse("no callback bound and no class id set");
        }
        try {
            if (notice.isProgress()) {
                deliverProgress(target.get(), notice.progress(), v);
            } else {
                QueueEvent e = notice.status();
                target.get().onStatus(new StatusNotification(v.group(groupId), v.job(groupId, e.jobId()),
                        e.fileIndex(), e.status(), e.numOfRetries(), e.win32Result(), e.transportResult(),
                        e.timestampMillis()));
            }
            return null;
        } catch (Exception | LinkageError e) {
            LOG.info("listener for group {} failed on {}; {}: {}", groupId, notice.name(),
                    notice.isProgress() ? "the next progress replaces it" : "it will be called again", e.toString());
            return e.toString();
        }
    }

    private static void deliverProgress(BackgroundCopyCallback target, ProgressEvent p, QueueView v) throws Exception {
        ProgressNotification n = new ProgressNotification(p.crossed(), v.group(p.groupId()), v.job(p.groupId(), p.jobId()),
                p.fileIndex(), p.progressValue(), p.timestampMillis());
        if ((p.notifyFlags() & NotifyFlag.USE_PROGRESSEX.value()) != 0) {
            target.onProgressEx(n, progressExPayload(p));
        } else {
            target.onProgress(n);
        }
    }

    /** The documented {@code onProgressEx} record: bytes done, bytes total, bytes per second; int64 little-endian. */
    static byte[] progressExPayload(ProgressEvent p) {
        return ByteBuffer.allocate(PROGRESS_EX_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(p.bytesDone()).putLong(p.bytesTotal()).putLong(p.bytesPerSecond()).array();
    }

    private void retryLater(GroupChannel channel, String reason) {
        int failures = channel.failed(reason, Notice::acknowledge);
        if (failures < 0) {
            return;
        }
        if (failures == 0) {
            submit(channel);
            return;
        }
        long delay = Math.min(maxRetryMillis, firstRetryMillis << Math.min(20, failures - 1));
        try {
            channel.retryScheduled(timers.schedule(() -> submit(channel), delay, TimeUnit.MILLISECONDS),
                    System.currentTimeMillis() + delay);
        } catch (RuntimeException e) {
            LOG.debug("callback redelivery stopped: {}", e.toString());
        }
    }

    private static boolean disabled(int flags) {
        return (flags & NotifyFlag.DISABLE_NOTIFY.value()) != 0;
    }

    /**
     * Adds what this dispatcher knows to a runtime snapshot: the callback services by class id, those refused,
     * the notifications not delivered yet (oldest first), and counters.
     *
     * @param dto the snapshot to fill
     */
    public void describe(CallbackRuntimeDTO dto) {
        providers.describe(dto.listeners, dto.failedListeners);
        channels.values().forEach(c -> c.describe(dto.pending));
        dto.pending.sort(Comparator.comparingLong((PendingNotificationDTO p) -> p.eventTimeMillis)
                .thenComparingLong(p -> p.sequence));
        dto.inFlight += inFlight.get();
        dto.delivered += delivered.get();
        dto.failedAttempts += failedAttempts.get();
    }

    private String bundleName(Object bundleId) {
        if (!(bundleId instanceof Long id)) {
            return "unknown";
        }
        Bundle b = context == null ? null : context.getBundle(id);
        return b == null || b.getSymbolicName() == null ? "bundle " + id : b.getSymbolicName();
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
