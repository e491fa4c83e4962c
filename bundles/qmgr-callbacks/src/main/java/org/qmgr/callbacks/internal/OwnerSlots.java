package org.qmgr.callbacks.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most N listener calls at once per owner identity (spec §5.4). A delivery that finds no free slot
 * leaves a waiter that runs when one is released.
 */
final class OwnerSlots {

    private final int perOwner;
    private final Map<String, Integer> inUse = new HashMap<>();
    private final Map<String, Deque<Runnable>> waiters = new HashMap<>();

    OwnerSlots(int perOwner) {
        this.perOwner = Math.max(1, perOwner);
    }

    /** @return {@code true} if a slot was taken; otherwise {@code onFree} runs once a slot is released */
    synchronized boolean acquireOrWait(String owner, Runnable onFree) {
        int used = inUse.getOrDefault(owner, 0);
        if (used < perOwner) {
            inUse.put(owner, used + 1);
            return true;
        }
        waiters.computeIfAbsent(owner, k -> new ArrayDeque<>()).add(onFree);
        return false;
    }

    /** Releases a slot and returns the next waiter to run (outside this object's lock), or {@code null}. */
    Runnable release(String owner) {
        synchronized (this) {
            int used = inUse.getOrDefault(owner, 1) - 1;
            if (used <= 0) {
                inUse.remove(owner);
            } else {
                inUse.put(owner, used);
            }
            Deque<Runnable> queue = waiters.get(owner);
            Runnable next = queue == null ? null : queue.poll();
            if (queue != null && queue.isEmpty()) {
                waiters.remove(owner);
            }
            return next;
        }
    }
}
