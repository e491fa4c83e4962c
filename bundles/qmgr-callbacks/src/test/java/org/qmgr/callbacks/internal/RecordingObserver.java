package org.qmgr.callbacks.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.callback.QueueObservation;
import org.qmgr.api.callback.QueueObserver;

/**
 * An observer that records what it sees and when, and can block on a gate or throw, for tests. A blocking
 * one waits at most 60 s, so a failed test cannot hang the build.
 */
class RecordingObserver implements QueueObserver {

    /** One observation and {@link System#nanoTime()} when it arrived. */
    record Seen(QueueObservation observation, long nanos) {
    }

    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate;
    private final boolean throwing;

    RecordingObserver() {
        this(null, false);
    }

    private RecordingObserver(CountDownLatch gate, boolean throwing) {
        this.gate = gate;
        this.throwing = throwing;
    }

    /** @return an observer that blocks in every call until {@code gate} opens */
    static RecordingObserver blockedOn(CountDownLatch gate) {
        return new RecordingObserver(gate, false);
    }

    /** @return an observer that records and then throws on every call */
    static RecordingObserver throwing() {
        return new RecordingObserver(null, true);
    }

    @Override
    public void onEvent(QueueObservation observation) throws Exception {
        seen.add(new Seen(observation, System.nanoTime()));
        entered.countDown();
        if (gate != null && !gate.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate never opened");
        }
        if (throwing) {
            throw new IllegalStateException("observer failure on purpose");
        }
    }

    List<QueueObservation> observations() {
        synchronized (seen) {
            return seen.stream().map(Seen::observation).toList();
        }
    }
}
