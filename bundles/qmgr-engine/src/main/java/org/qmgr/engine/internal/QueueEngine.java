package org.qmgr.engine.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue engine: owns the queue state, the transfer pool and the timers, and binds the store (by the
 * {@code store.target} filter of PID {@value EngineConfig#PID}), the transports (by scheme and ranking)
 * and the notification sinks. Clients reach it through the bundle-scoped {@link QMgrServiceComponent}.
 */
@Component(service = QueueEngine.class, configurationPid = EngineConfig.PID, immediate = true)
@Designate(ocd = EngineConfig.class)
public class QueueEngine {

    private static final Logger LOG = LoggerFactory.getLogger(QueueEngine.class);
    /** How long an API call waits for the first load attempt (a database that accepts but never answers). */
    private static final long READY_TIMEOUT_SECONDS = 30;
    /** Back-off of the store retries while it is unavailable: a DBA's fix is picked up within the cap. */
    private static final Duration STORE_RETRY_FIRST = Duration.ofSeconds(1);
    private static final Duration STORE_RETRY_MAX = Duration.ofSeconds(30);
    /** How long an unbind waits for the calls in progress on the departing transport (they are aborted). */
    private static final Duration TRANSPORT_RETIRE_WAIT = Duration.ofSeconds(5);

    private final TransportRegistry transports = new TransportRegistry();
    private final ExecutorService transferPool;
    private final ExecutorService fetchPool;
    private final ScheduledThreadPoolExecutor timers;
    private final StoreHealth health;
    private final QueueCore core;
    private final Scheduler scheduler;
    private final Commands commands;
    private final Queries queries;
    private final WaitReasons waitReasons;
    private final NotificationAcks acks;
    private final ProgressMonitor progress;
    /** Completed once the queue is loaded; it never fails: a failed load is retried until it succeeds. */
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Completed when the first load attempt ended, either way: calls wait for it, not for the retries. */
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
    private volatile EngineSettings settings;
    private ScheduledFuture<?> inactivitySweep;

    /**
     * @param config the engine configuration
     * @param store  the queue store selected by {@code store.target}
     */
    @Activate
    public QueueEngine(EngineConfig config, @Reference(name = "store") QueueStore store) {
        this(EngineSettings.from(config, defaultNodeId()), store, MonotonicClock.SYSTEM);
    }

    QueueEngine(EngineSettings initial, QueueStore store, MonotonicClock clock) {
        this(initial, store, clock, LocalDisk.REAL);
    }

    /** @param disk the destination disk: {@link LocalDisk#REAL}, or a test's faulty or crashing one */
    QueueEngine(EngineSettings initial, QueueStore store, MonotonicClock clock, LocalDisk disk) {
        this.settings = initial;
        this.transferPool = new ThreadPoolExecutor(initial.maxConcurrentTransfers(), initial.maxConcurrentTransfers(),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("qmgr-transfer"));
        ((ThreadPoolExecutor) transferPool).allowCoreThreadTimeOut(true);
        // Files a group fetches beside its worker's own (filesAtOnce > 1): threads only while they are used.
        this.fetchPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named("qmgr-fetch"));
        this.timers = new ScheduledThreadPoolExecutor(1, named("qmgr-scheduler"));
        // Pending timers (retries, store probes) are pointless once deactivated; don't wait for them.
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.health = new StoreHealth(store.getClass().getSimpleName(), clock, timers, STORE_RETRY_FIRST,
                STORE_RETRY_MAX);
        this.core = new QueueCore(store, health, () -> settings, clock);
        this.scheduler = new Scheduler(core, transports, transferPool, fetchPool, timers, disk);
        this.commands = new Commands(core, scheduler, transports);
        this.queries = new Queries(core);
        this.waitReasons = new WaitReasons(core, scheduler);
        this.acks = new NotificationAcks(core, timers);
        this.progress = new ProgressMonitor(core, timers);
        org.osgi.framework.Bundle own = org.osgi.framework.FrameworkUtil.getBundle(QueueEngine.class);
        core.view(new EngineQueueView(this, own == null ? null : new IdentityResolver(own, this::administrators)));
        health.actions(this::retryStore, scheduler::storeRecovered);
        // The store is read on the scheduler thread: activation must not wait for a database.
        timers.execute(this::loadQueue);
    }

    /** Loads the queue (on the scheduler thread); a failure is an outage, retried by {@link StoreHealth}. */
    private void loadQueue() {
        try {
            if (core.isActive() && !ready.isDone() && core.load()) {
                // Before any new event: notifications stored and not acknowledged when the JVM stopped.
                core.handOverStored(null);
                synchronized (this) {
                    scheduler.startSliceTimer();
                    progress.start();
                    scheduleInactivitySweep();
                    ready.complete(null);
                }
                scheduler.kick();
            }
        } finally {
            firstAttempt.complete(null);
        }
    }

    /** While the store is unavailable: load the queue if that has not succeeded yet, else probe the store. */
    private void retryStore() {
        if (!core.isActive()) {
            return;
        }
        if (ready.isDone()) {
            core.probe();
        } else {
            loadQueue();
        }
    }

    /**
     * @param config the new configuration, applied to later decisions and (throughput caps) to running
     *               transfers; one with a value out of range is refused whole and the current one stays
     */
    @Modified
    void modified(EngineConfig config) {
        EngineSettings next;
        try {
            next = EngineSettings.from(config, settings.nodeId());
        } catch (IllegalArgumentException e) {
            LOG.error("configuration refused, the engine keeps its current settings: {}", e.getMessage());
            return;
        }
        int size = next.maxConcurrentTransfers();
        ThreadPoolExecutor pool = (ThreadPoolExecutor) transferPool;
        if (size > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
        settings = next;
        synchronized (this) {
            if (ready.isDone()) {
                scheduleInactivitySweep();
            }
        }
        scheduler.kick();
    }

    @Deactivate
    void deactivate() {
        core.deactivate();
        health.close();
        synchronized (core.lock) {
            core.groups.values().forEach(g -> {
                GroupWorker w = scheduler.detachWorker(g);
                if (w != null) {
                    transferPool.execute(() -> w.stop(false, 0));
                }
            });
        }
        shutdown(timers);
        shutdown(transferPool);
        shutdown(fetchPool);
        LOG.info("qmgr engine stopped");
    }

    /** A transport arrived: a better-ranked one takes over the running transfers of its schemes. */
    @Reference(name = "transport", service = Transport.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedTransport")
    void bindTransport(Transport transport, Map<String, Object> properties) {
        transports.add(transport, properties);
        scheduler.transportsChanged();
    }

    /** A transport's ranking or schemes changed: transfers move when another one is now the best. */
    void updatedTransport(Transport transport, Map<String, Object> properties) {
        transports.update(transport, properties);
        scheduler.transportsChanged();
    }

    /**
     * A transport went: its transfers yield and continue on the next best transport with Range (or wait QUEUED
     * for one). When this returns the service is not called any more; see {@link TransportBinding#retire}.
     */
    void unbindTransport(Transport transport) {
        transports.remove(transport).ifPresent(binding -> {
            scheduler.transportsChanged();
            binding.retire(TRANSPORT_RETIRE_WAIT);
            scheduler.kick();
        });
    }

    @Reference(name = "sink", service = NotificationSink.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindSink(NotificationSink sink) {
        core.addSink(sink);
        // On the scheduler thread, after the load if it is still to come (the load hands over to every sink).
        try {
            timers.execute(() -> {
                if (ready.isDone() && core.isActive()) {
                    core.handOverStored(sink);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("sink bound while the engine stops: {}", e.toString());
        }
    }

    void unbindSink(NotificationSink sink) {
        core.removeSink(sink);
    }

    /** @return the state-changing verbs, once the queue is loaded */
    Commands commands() {
        awaitReady();
        return commands;
    }

    /** @return the read-only calls, once the queue is loaded */
    Queries queries() {
        awaitReady();
        return queries;
    }

    /** @return the answers to {@code why()}, once the queue is loaded */
    WaitReasons waitReasons() {
        awaitReady();
        return waitReasons;
    }

    /** @return where acknowledged notifications go */
    NotificationAcks acks() {
        return acks;
    }

    /** @return the queue state, for read-only views such as {@link EngineQueueView} */
    QueueCore core() {
        return core;
    }

    /** @return the store this engine instance runs on (fixed for its lifetime) */
    QueueStore store() {
        return core.store();
    }

    /** @return the scheduler, for holding the queue still during a store migration ({@link QueueHold}) */
    Scheduler scheduler() {
        return scheduler;
    }

    /** @return the lock guarding the queue state (for a consistent check-then-read) */
    Object lock() {
        return core.lock;
    }

    /** @return identities configured as administrators */
    java.util.Set<String> administrators() {
        return settings.administrators();
    }

    /** For tests: binds a transport without OSGi. */
    void addTransport(Transport transport, Map<String, Object> properties) {
        bindTransport(transport, properties);
    }

    /** For tests: unbinds a transport without OSGi. */
    void removeTransport(Transport transport) {
        unbindTransport(transport);
    }

    /**
     * Returns once the queue is loaded. While the first load runs a call waits for it; after a failed one it
     * fails at once with the store's outage, as every call does until a retry loads the queue.
     */
    private void awaitReady() {
        core.checkActive();
        if (ready.isDone()) {
            return;
        }
        try {
            firstAttempt.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new QmgrServiceUnavailableException("the queue is still loading from its store", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmgrServiceUnavailableException("interrupted while the queue was loading", e);
        }
        if (!ready.isDone()) {
            core.checkActive();
            RuntimeException cause = health.cause();
            throw cause != null ? health.unavailable(cause)
                    : new QmgrServiceUnavailableException("the queue is loading from its store; retry the call");
        }
    }

    private synchronized void scheduleInactivitySweep() {
        if (inactivitySweep != null) {
            inactivitySweep.cancel(false);
        }
        long timeoutMillis = settings.inactivityTimeout().toMillis();
        long period = Math.max(500, Math.min(60_000, timeoutMillis / 4));
        inactivitySweep = timers.scheduleWithFixedDelay(commands::expireInactive, period, period, TimeUnit.MILLISECONDS);
    }

    private static void shutdown(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The host name plus a suffix that stays the same across restarts of this installation: kept in the
     * bundle's data area, so a node restarted after a crash holds the same identity and takes its own leases
     * back at once, while another installation on the same host gets another suffix. Outside OSGi (tests), or
     * when the data area cannot be written, a random suffix.
     */
    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + InstallationId.read(FrameworkUtil.getBundle(QueueEngine.class));
    }
}
