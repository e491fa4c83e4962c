package org.qmgr.engine.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.ProgressType;
import org.qmgr.spi.notify.ProgressEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the progress samples of transferring groups (spec P5, P7) as {@link ProgressEvent}s, from a tick on
 * the scheduler's timer thread:
 * <ul>
 * <li>a <em>listener</em> sample when a group crossed one of its thresholds since its last one (bytes grew by
 * {@code GROUPPROP_PROGRESSSIZE}, percent by {@code PROGRESSPERCENT} points, or {@code PROGRESSTIME} ms of
 * transfer went by), never sooner than {@code minProgressIntervalMs} after it. When several are crossed at once
 * the event names one: {@link ProgressType#SIZE_DONE}, else {@link ProgressType#PERCENT_DONE}, else
 * {@link ProgressType#TIME_DONE}, and all three restart from that sample;</li>
 * <li>a <em>monitoring</em> sample ({@code crossed} null) at most every {@code progressEventIntervalMs}, the
 * first one that long after the transfer started, whatever the thresholds.</li>
 * </ul>
 * Both are raised whatever the group's notify flags (the event carries them; sinks decide). Each TRANSFERRING
 * period starts afresh: its first sample is the baseline, so the first listener sample comes after a
 * threshold's worth of progress, and a suspended, yielded or failed group's tracking is forgotten. Samples go
 * through the core's outbox, so sinks get them outside the engine lock and in order with the status events.
 */
final class ProgressMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressMonitor.class);
    /** Finest tick: finer sampling would cost more than any listener gains. */
    static final long MIN_TICK_MILLIS = 50;
    /** Coarsest tick, so that a configuration change shortening the intervals applies within a second. */
    static final long MAX_TICK_MILLIS = 1000;
    /** The rate is averaged over at least this long, so it does not jump with every network read. */
    private static final long RATE_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final QueueCore core;
    private final ScheduledExecutorService timers;
    /** Tracking of the groups transferring at the last tick. Used on the timer thread, under the engine lock. */
    private final Map<UUID, Track> tracks = new HashMap<>();

    ProgressMonitor(QueueCore core, ScheduledExecutorService timers) {
        this.core = core;
        this.timers = timers;
    }

    /** Starts ticking, once the queue is loaded. */
    void start() {
        scheduleNextTick();
    }

    /**
     * @return how often to sample: as often as the shorter progress interval needs, within
     *         {@link #MIN_TICK_MILLIS} and {@link #MAX_TICK_MILLIS}. A sample is due at most one tick late.
     */
    static long tickMillis(EngineSettings s) {
        long listener = s.minProgressInterval().toMillis();
        long monitoring = s.progressEventInterval().toMillis();
        long wanted = monitoring == 0 ? listener : Math.min(listener, monitoring);
        return Math.max(MIN_TICK_MILLIS, Math.min(MAX_TICK_MILLIS, wanted));
    }

    /** One shot at a time, re-armed after each tick: a changed configuration sets the next delay. */
    private void scheduleNextTick() {
        if (!core.isActive()) {
            return;
        }
        try {
            timers.schedule(this::tick, tickMillis(core.settings()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The engine is stopping and its timers with it: no more samples.
        }
    }

    private void tick() {
        try {
            sampleAll();
            core.flushEvents();
        } catch (RuntimeException e) {
            LOG.warn("progress sampling failed; trying again at the next tick", e);
        } finally {
            scheduleNextTick();
        }
    }

    private void sampleAll() {
        synchronized (core.lock) {
            if (!core.isActive()) {
                return;
            }
            EngineSettings s = core.settings();
            long now = core.clock().nanos();
            long wall = System.currentTimeMillis();
            tracks.entrySet().removeIf(e -> !sameTransfer(core.groups.get(e.getKey()), e.getValue()));
            for (GroupEntry g : core.groups.values()) {
                if (transferring(g)) {
                    sample(g, s, now, wall);
                }
            }
        }
    }

    private static boolean transferring(GroupEntry g) {
        return g != null && g.record().state() == GroupState.TRANSFERRING && g.activeSinceNanos != 0;
    }

    /** @return whether the group still transfers in the period the track was started in */
    private static boolean sameTransfer(GroupEntry g, Track t) {
        return transferring(g) && g.activeSinceNanos == t.periodStart;
    }

    private void sample(GroupEntry g, EngineSettings s, long now, long wall) {
        List<FileRecord> files = g.allFiles();
        long done = StatusWords.bytesDone(g, files);
        int percent = StatusWords.percent(g, files, done);
        Track t = tracks.computeIfAbsent(g.id(), id -> new Track(g.activeSinceNanos, done, percent, now));
        t.measureRate(done, now);
        // A file restarted after a server-side change: progress is counted again from where it went back to.
        t.notifiedBytes = Math.min(t.notifiedBytes, done);
        t.notifiedPercent = Math.min(t.notifiedPercent, percent);

        ProgressType crossed = crossed(g.record(), t, done, percent, now);
        if (crossed != null && now - t.notifiedNanos >= s.minProgressInterval().toNanos()) {
            core.emitProgress(event(g, files, done, percent, t, now, wall, crossed));
            t.notifiedBytes = done;
            t.notifiedPercent = percent;
            t.notifiedNanos = now;
        }
        long monitoring = s.progressEventInterval().toNanos();
        if (monitoring > 0 && now - t.monitoredNanos >= monitoring) {
            core.emitProgress(event(g, files, done, percent, t, now, wall, null));
            t.monitoredNanos = now;
        }
    }

    /** @return the threshold crossed since the last listener sample (in the order of the class comment), or null */
    private static ProgressType crossed(GroupRecord r, Track t, long done, int percent, long now) {
        if (r.progressSize() > 0 && done - t.notifiedBytes >= r.progressSize()) {
            return ProgressType.SIZE_DONE;
        }
        if (r.progressPercent() > 0 && percent - t.notifiedPercent >= r.progressPercent()) {
            return ProgressType.PERCENT_DONE;
        }
        if (r.progressTimeMillis() > 0 && now - t.notifiedNanos >= TimeUnit.MILLISECONDS.toNanos(r.progressTimeMillis())) {
            return ProgressType.TIME_DONE;
        }
        return null;
    }

    private static ProgressEvent event(GroupEntry g, List<FileRecord> files, long done, int percent, Track t,
                                       long now, long wall, ProgressType crossed) {
        FileRecord current = files.stream().filter(f -> !f.completed()).findFirst().orElse(null);
        UUID jobId = current != null ? current.jobId()
                : g.jobs.isEmpty() ? null : g.jobs.get(g.jobs.size() - 1).jobId();
        GroupRecord r = g.record();
        return new ProgressEvent(g.id(), r.owner(), jobId, current == null ? -1 : current.index(), done,
                StatusWords.totalSize(files), t.bytesPerSecond, percent,
                TimeUnit.MILLISECONDS.toSeconds(StatusWords.activeMillis(g, now)), crossed, r.notifyFlags(), wall);
    }

    /** What one TRANSFERRING period of a group was at its last samples. */
    private static final class Track {
        /** The group's {@link GroupEntry#activeSinceNanos} when tracking started: which period this is. */
        final long periodStart;
        /** Bytes, percent and monotonic time of the last listener sample, or of the baseline. */
        long notifiedBytes;
        int notifiedPercent;
        long notifiedNanos;
        /** Monotonic time of the last monitoring sample, or of the period start. */
        long monitoredNanos;
        /** Start of the current rate window, and the bytes then. */
        long windowNanos;
        long windowBytes;
        /** The rate over the last complete window; 0 until one completes. */
        long bytesPerSecond;

        Track(long periodStart, long bytes, int percent, long now) {
            this.periodStart = periodStart;
            this.notifiedBytes = bytes;
            this.notifiedPercent = percent;
            // Time counts from the transfer's start, bytes and percent from the first sample of it.
            this.notifiedNanos = periodStart;
            this.monitoredNanos = periodStart;
            this.windowNanos = now;
            this.windowBytes = bytes;
        }

        void measureRate(long bytes, long now) {
            long elapsed = now - windowNanos;
            if (elapsed >= RATE_WINDOW_NANOS) {
                bytesPerSecond = Math.max(0, (long) ((bytes - windowBytes) * 1e9 / elapsed));
                windowNanos = now;
                windowBytes = bytes;
            }
        }
    }
}
