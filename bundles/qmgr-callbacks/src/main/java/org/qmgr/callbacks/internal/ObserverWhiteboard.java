package org.qmgr.callbacks.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.qmgr.api.callback.QueueObservation;
import org.qmgr.api.callback.QueueObserver;
import org.qmgr.api.dto.CallbackRuntimeDTO;
import org.qmgr.api.dto.FailedListenerDTO;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.notify.ProgressEvent;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link QueueObserver} whiteboard: tracks observer services, admits them (filter, admin claim), and
 * hands every group event and monitoring sample to each observer that may see the group, on the observer's
 * own serial delivery. The administrators come from the engine's configuration ({@code org.qmgr.engine}),
 * read by SCR under this component's configuration PID so that a change arrives in {@link #modified}.
 */
@Component(service = {NotificationSink.class, ObserverWhiteboard.class}, configurationPid = ObserverWhiteboard.ENGINE_PID)
public class ObserverWhiteboard implements NotificationSink {

    /** The engine's configuration, which names the administrators. */
    static final String ENGINE_PID = "org.qmgr.engine";

    /** The one setting of {@code org.qmgr.engine} this component reads. */
    public @interface Administrators {
        /** @return identities such as {@code bundle:org.example.app}; an entry may hold several, comma-separated */
        String[] administrators() default {};
    }

    private static final Logger LOG = LoggerFactory.getLogger(ObserverWhiteboard.class);

    private record Candidate(QueueObserver observer, Map<String, ?> properties, String bundle) {
    }

    private final ExecutorService pool;
    private final Object lock = new Object();
    /** Every observer service bound, admitted or not, by service id. Guarded by {@link #lock}. */
    private final Map<Long, Candidate> candidates = new HashMap<>();
    /** The admitted ones, by service id. Guarded by {@link #lock}. */
    private final Map<Long, BoundObserver> bound = new HashMap<>();
    /** Guarded by {@link #lock}. */
    private Set<String> administrators;
    /** Read without a lock by the publishing thread. */
    private volatile List<BoundObserver> active = List.of();
    /** Display names of groups seen, for their CANCELLED event (the view no longer knows them then). */
    private final Map<UUID, String> lastNames = new ConcurrentHashMap<>();
    private volatile List<FailedListenerDTO> failed = List.of();

    /**
     * @param config the engine's configuration (its {@code administrators})
     */
    @Activate
    public ObserverWhiteboard(Administrators config) {
        this.administrators = identities(config);
        AtomicInteger n = new AtomicInteger();
        // Unbounded like a cached pool: a blocked observer holds one thread of its own and delays nobody.
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "qmgr-observer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @param config the engine's changed configuration: admin claims are judged again */
    @Modified
    void modified(Administrators config) {
        synchronized (lock) {
            administrators = identities(config);
            rejudgeAll();
        }
    }

    /** Stops delivery: waiting observations are dropped, calls running get a few seconds to return. */
    @Deactivate
    void deactivate() {
        synchronized (lock) {
            bound.values().forEach(BoundObserver::close);
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Reference(service = QueueObserver.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindObserver(QueueObserver observer, ServiceReference<QueueObserver> reference) {
        add(observer, properties(reference), reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName());
    }

    void updatedObserver(QueueObserver observer, ServiceReference<QueueObserver> reference) {
        bindObserver(observer, reference);
    }

    void unbindObserver(ServiceReference<QueueObserver> reference) {
        remove((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    /**
     * Tracks an observer, or takes its changed properties (same {@code service.id}).
     *
     * @param observer   the service
     * @param properties its service properties, {@code service.id} included
     * @param bundle     symbolic name of the bundle that registered it
     */
    void add(QueueObserver observer, Map<String, ?> properties, String bundle) {
        long id = (Long) properties.get(Constants.SERVICE_ID);
        synchronized (lock) {
            candidates.put(id, new Candidate(observer, Map.copyOf(properties), bundle));
            rejudgeAll();
        }
    }

    /** @param serviceId an observer going away: what waits for it is dropped */
    void remove(long serviceId) {
        synchronized (lock) {
            candidates.remove(serviceId);
            rejudgeAll();
        }
    }

    private void rejudgeAll() {
        List<FailedListenerDTO> refused = new ArrayList<>();
        Map<Long, BoundObserver> next = new HashMap<>();
        candidates.forEach((id, c) -> {
            ObserverAdmission.Verdict v = ObserverAdmission.judge(c.properties(), "bundle:" + c.bundle(), administrators);
            BoundObserver old = bound.get(id);
            if (!v.admitted()) {
                refused.add(refusal(id, c.bundle(), v.reason()));
            } else if (old != null && old.observer() == c.observer()) {
                next.put(id, old.rejudged(v));
            } else {
                next.put(id, new BoundObserver(c.observer(), id, c.bundle(), v, pool));
            }
        });
        bound.forEach((id, old) -> {
            if (next.get(id) == null || next.get(id).observer() != old.observer()) {
                old.close();
            }
        });
        bound.clear();
        bound.putAll(next);
        refused.sort(Comparator.comparingLong(f -> f.serviceId));
        failed = List.copyOf(refused);
        active = next.values().stream().sorted(Comparator.comparingLong(BoundObserver::serviceId)).toList();
    }

    @Override
    public void publish(QueueEvent event, QueueView view) {
        List<BoundObserver> targets = active;
        if (!targets.isEmpty()) {
            dispatch(targets, Observations.of(event, displayName(event, view)));
        }
    }

    /**
     * The group's display name now; for a cancelled group, gone from the view, the last one seen, so that an
     * observer selecting groups by name also sees them cancelled.
     */
    private String displayName(QueueEvent event, QueueView view) {
        UUID groupId = event.groupId();
        if (event.type() == QueueEvent.Type.GROUP_CANCELLED) {
            return lastNames.remove(groupId);
        }
        String name = view.displayName(groupId).orElse(null);
        if (name == null) {
            lastNames.remove(groupId);
        } else {
            lastNames.put(groupId, name);
        }
        return name;
    }

    @Override
    public void progress(ProgressEvent event, QueueView view) {
        List<BoundObserver> targets = active;
        // Threshold samples (crossed != null) are for the group's listener; the monitoring ones follow them.
        if (event.crossed() == null && !targets.isEmpty()) {
            dispatch(targets, Observations.of(event, view.displayName(event.groupId()).orElse(null)));
        }
    }

    private static void dispatch(List<BoundObserver> targets, QueueObservation observation) {
        Dictionary<String, Object> keys = Observations.filterKeys(observation.groupId(), observation.owner(),
                observation.displayName());
        for (BoundObserver target : targets) {
            if (target.sees(observation.owner(), keys)) {
                target.offer(observation);
            }
        }
    }

    /**
     * Adds the observers in use and those refused to a runtime snapshot.
     *
     * @param dto the snapshot to fill
     */
    public void describe(CallbackRuntimeDTO dto) {
        active.forEach(o -> dto.listeners.add(o.toDTO()));
        failed.forEach(f -> dto.failedListeners.add(refusal(f.serviceId, f.bundle, f.reason)));
    }

    private static FailedListenerDTO refusal(long serviceId, String bundle, String reason) {
        FailedListenerDTO dto = new FailedListenerDTO();
        dto.kind = "OBSERVER";
        dto.serviceId = serviceId;
        dto.bundle = bundle;
        dto.reason = reason;
        return dto;
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
        Map<String, Object> map = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            map.put(key, reference.getProperty(key));
        }
        return map;
    }

    private static Set<String> identities(Administrators config) {
        Set<String> ids = Arrays.stream(config.administrators()).flatMap(s -> Arrays.stream(s.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        LOG.debug("administrators for queue observers: {}", ids);
        return ids;
    }
}
