package org.qmgr.engine.internal;

import java.util.Collection;
import java.util.function.Supplier;

import org.qmgr.api.BackgroundPriority;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's throughput caps (spec §1.6, A-18) and which of them each running group pays into: foreground
 * groups the foreground cap; background groups both the global background cap, which drops to the step-aside
 * rate while any foreground group transfers, and the cap of their priority. Every cap is a bucket shared by the
 * groups paying into it, its rate read live from the settings.
 */
final class Bandwidth {

    private static final Logger LOG = LoggerFactory.getLogger(Bandwidth.class);

    private final BackgroundRate backgroundRate;
    private final RateLimiter foreground;
    /** By {@link BackgroundPriority#ordinal()}: the global background bucket paired with the priority's own. */
    private final Throttle[] background;

    Bandwidth(MonotonicClock clock, Supplier<BandwidthSettings> settings) {
        this.backgroundRate = new BackgroundRate(settings);
        this.foreground = new RateLimiter(clock, () -> settings.get().foregroundMax(),
                () -> "foregroundMaxBytesPerSecond");
        RateLimiter global = new RateLimiter(clock, backgroundRate, backgroundRate::capKey);
        BackgroundPriority[] priorities = BackgroundPriority.values();
        this.background = new Throttle[priorities.length];
        for (BackgroundPriority p : priorities) {
            background[p.ordinal()] = new ThrottlePair(global,
                    new RateLimiter(clock, () -> settings.get().priorityMax(p),
                            () -> p.name().toLowerCase(java.util.Locale.ROOT) + "MaxBytesPerSecond"));
        }
    }

    /** @return the throttle a transfer of the group pays into, by its foreground flag and priority now */
    Throttle laneOf(GroupRecord group) {
        return group.foreground() ? foreground
                : background[BackgroundPriority.valueOf(group.backgroundPriority()).ordinal()];
    }

    /**
     * Points every running group at its throttle and steps background aside while a foreground group is
     * TRANSFERRING. Call with the engine lock held, after whatever may have started or stopped a transfer or
     * changed a group's flag or priority.
     */
    void refresh(Collection<GroupEntry> groups) {
        boolean foregroundTransfers = false;
        for (GroupEntry g : groups) {
            if (g.worker != null) {
                g.throttle = laneOf(g.record());
                foregroundTransfers |= g.record().foreground() && g.record().state() == GroupState.TRANSFERRING;
            }
        }
        if (foregroundTransfers != backgroundRate.steppingAside()) {
            backgroundRate.steppingAside(foregroundTransfers);
            if (LOG.isDebugEnabled()) {
                LOG.debug(foregroundTransfers ? "a foreground group transfers: background held to {} bytes/s (0 = unlimited)"
                        : "no foreground group transfers: background back to {} bytes/s (0 = unlimited)",
                        backgroundRate.getAsLong());
            }
        }
    }

    /** @return whether background transfers are held to the step-aside rate now */
    boolean steppingAside() {
        return backgroundRate.steppingAside();
    }
}
