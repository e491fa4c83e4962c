package org.qmgr.testorigin;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The origin's clock for stalls and trickles: a wait that {@link #release()} (closing the origin) cuts short. */
final class Pacer {

    private final CountDownLatch closed = new CountDownLatch(1);

    /** Waits {@code duration}, or less once released. */
    void pause(Duration duration) throws InterruptedException {
        closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Ends every pause, now and later. */
    void release() {
        closed.countDown();
    }
}
