package org.qmgr.engine.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.GroupWhy;
import org.qmgr.api.WaitReason;
import org.qmgr.api.Win32Results;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;

/**
 * Answers {@code why()}: replays the scheduler's decision for one group (the same predicates and run order as
 * {@link Scheduler#kick()}) under the engine lock, and names what keeps it from transferring.
 */
final class WaitReasons {

    private final QueueCore core;
    private final Scheduler scheduler;

    WaitReasons(QueueCore core, Scheduler scheduler) {
        this.core = core;
        this.scheduler = scheduler;
    }

    GroupWhy why(UUID groupId) {
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            long now = scheduler.nanos();
            GroupRecord r = g.record();
            return switch (r.state()) {
                case SUSPENDED -> GroupWhy.of(WaitReason.SUSPENDED, "suspended; it transfers nothing until resumed");
                case COMPLETE -> GroupWhy.of(WaitReason.COMPLETE, "complete; every file is downloaded");
                case ERROR -> new GroupWhy(WaitReason.ERROR, "stopped on error " + error(g) + "; it needs the owner to act",
                        null, r.win32Result(), r.transportResult(), null, null);
                case RETRY_WAIT -> retryWait(g, now);
                case TRANSFERRING -> transferring(g, now);
                case QUEUED -> queued(g, now);
            };
        }
    }

    private GroupWhy retryWait(GroupEntry g, long now) {
        Instant until = g.retryTimer == null ? null
                : Instant.now().plusNanos(Math.max(0, g.retryTimer.getDelay(TimeUnit.NANOSECONDS)));
        String when = until == null ? "once the queue store answers again" : "at " + until;
        return new GroupWhy(WaitReason.RETRY_WAIT, "waiting to retry " + when + " after error " + error(g),
                until, g.record().win32Result(), g.record().transportResult(), null, null);
    }

    private GroupWhy transferring(GroupEntry g, long now) {
        Throttle t = g.throttle;
        String cap = t == null || g.worker == null ? null : t.holdingCap(now);
        if (cap == null) {
            return GroupWhy.of(WaitReason.TRANSFERRING, "transferring; no cap holds it back");
        }
        return new GroupWhy(WaitReason.BANDWIDTH_CAPPED, "transferring, held back by the bandwidth cap " + cap,
                null, 0, 0, cap, null);
    }

    /** The loop of {@link Scheduler#kick()} without starting anything: stops at the group asked about. */
    private GroupWhy queued(GroupEntry g, long now) {
        if (core.isHeld()) {
            return GroupWhy.of(WaitReason.QUEUE_HELD, "queued; a store migration holds the queue still");
        }
        if (!core.health().available()) {
            return GroupWhy.of(WaitReason.STORE_UNAVAILABLE, "queued; the queue store does not answer");
        }
        if (!scheduler.transportReady(g)) {
            return GroupWhy.of(WaitReason.NO_TRANSPORT, "queued; no transport serves \"" + Scheduler.nextScheme(g)
                    + ":\" URLs, it waits for one to be bound");
        }
        if (scheduler.claimDeferred(g, now)) {
            return GroupWhy.of(WaitReason.OTHER_NODE, "queued; another node holds its lease");
        }
        EngineSettings s = core.settings();
        List<GroupEntry> slots = new ArrayList<>();
        List<GroupEntry> waiting = new ArrayList<>();
        for (GroupEntry e : core.groups.values()) {
            if (e.worker != null) {
                slots.add(e);
            } else if (e.record().state() == GroupState.QUEUED && scheduler.transportReady(e)
                    && !scheduler.claimDeferred(e, now)) {
                waiting.add(e);
            }
        }
        waiting.sort(Scheduler.RUN_ORDER);
        for (GroupEntry w : waiting) {
            int running = slots.size();
            if (running >= s.maxConcurrentTransfers() || (s.legacySingleJobScheduling() && running > 0)) {
                return slotsFull(slots, running, s);
            }
            GroupEntry background = w.record().foreground() ? null
                    : slots.stream().filter(e -> !e.record().foreground()).findFirst().orElse(null);
            int ownerRunning = (int) slots.stream().filter(e -> e.record().owner().equals(w.record().owner())).count();
            boolean ownerFull = !s.ownerMayStart(ownerRunning);
            if (w == g) {
                if (background != null) {
                    return behind(g, background, now, s);
                }
                return ownerFull ? ownerLimit(g, ownerRunning, s) : startsNext();
            }
            if (background == null && !ownerFull) {
                slots.add(w);
            }
        }
        return startsNext();
    }

    private static GroupWhy ownerLimit(GroupEntry g, int running, EngineSettings s) {
        return GroupWhy.of(WaitReason.OWNER_LIMIT, "queued; its owner " + g.record().owner() + " has " + running
                + " transfer(s) running, the limit maxConcurrentTransfersPerOwner is "
                + s.maxConcurrentTransfersPerOwner());
    }

    private static GroupWhy startsNext() {
        return GroupWhy.of(WaitReason.QUEUED_STARTING, "queued and next in line; the scheduler starts it now");
    }

    private static GroupWhy slotsFull(List<GroupEntry> slots, int running, EngineSettings s) {
        GroupEntry first = slots.get(0);
        if (slots.stream().allMatch(e -> e.record().foreground())) {
            return new GroupWhy(WaitReason.QUEUED_BEHIND_FOREGROUND, "queued behind foreground work: " + running
                    + " foreground transfer(s) take every slot", null, 0, 0, null, first.id());
        }
        String limit = s.legacySingleJobScheduling() ? "1 (legacy single-job scheduling)"
                : String.valueOf(s.maxConcurrentTransfers());
        return new GroupWhy(WaitReason.QUEUED_SLOTS_FULL, "queued; " + running
                + " transfers run, the limit maxConcurrentTransfers is " + limit, null, 0, 0, null, first.id());
    }

    /** The one background slot is taken: by higher priority, by an equal one's slice, or by a lower one that yields. */
    private static GroupWhy behind(GroupEntry g, GroupEntry holder, long now, EngineSettings s) {
        BackgroundPriority mine = BackgroundPriority.valueOf(g.record().backgroundPriority());
        BackgroundPriority theirs = BackgroundPriority.valueOf(holder.record().backgroundPriority());
        if (theirs.compareTo(mine) < 0) {
            return new GroupWhy(WaitReason.QUEUED_BEHIND_PRIORITY, "queued behind higher-priority work: group "
                    + holder.id() + " (" + theirs + ") has the background slot", null, 0, 0, null, holder.id());
        }
        if (theirs == mine) {
            long left = holder.lastScheduledNanos + s.timeSlice().toNanos() - now;
            Instant until = Instant.now().plusNanos(Math.max(0, left));
            return new GroupWhy(WaitReason.QUEUED_FOR_TURN, "queued for its turn: group " + holder.id()
                    + " of the same priority has the background slot until about " + until, until, 0, 0, null,
                    holder.id());
        }
        return new GroupWhy(WaitReason.QUEUED_STARTING, "queued and next in line; group " + holder.id()
                + " of lower priority is yielding the background slot", null, 0, 0, null, holder.id());
    }

    private static String error(GroupEntry g) {
        GroupRecord r = g.record();
        StringBuilder b = new StringBuilder(Win32Results.name(r.win32Result()) + " (" + r.win32Result() + ")");
        if (r.transportResult() != 0) {
            b.append(", HTTP ").append(r.transportResult());
        }
        if (g.errorDescription != null) {
            b.append(": ").append(g.errorDescription);
        }
        return b.toString();
    }
}
