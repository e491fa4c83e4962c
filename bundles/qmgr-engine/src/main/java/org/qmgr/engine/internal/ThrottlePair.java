package org.qmgr.engine.internal;

import org.qmgr.engine.internal.GroupWorker.StopSignal;

/**
 * Two throttles a chunk pays into both, such as the global background cap and the cap of the group's
 * priority: the transfer goes no faster than the lower of the two.
 */
final class ThrottlePair implements Throttle {

    private final Throttle first;
    private final Throttle second;

    ThrottlePair(Throttle first, Throttle second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public int readSize(int buffer) {
        return second.readSize(first.readSize(buffer));
    }

    /** The wait for the second runs after the first's, while the second refills: the longer wait decides. */
    @Override
    public void pay(long bytes, GroupWorker worker) throws StopSignal {
        first.pay(bytes, worker);
        second.pay(bytes, worker);
    }

    @Override
    public String holdingCap(long nowNanos) {
        String cap = second.holdingCap(nowNanos);
        return cap != null ? cap : first.holdingCap(nowNanos);
    }
}
