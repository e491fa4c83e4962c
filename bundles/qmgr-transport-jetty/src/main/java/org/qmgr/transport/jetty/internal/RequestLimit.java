package org.qmgr.transport.jetty.internal;

import java.util.concurrent.Semaphore;

/**
 * The global cap on requests in progress ({@code maxConcurrentRequests}): a fair semaphore whose size can change
 * while permits are held, so a new configuration applies without waiting for the requests of the old one.
 */
final class RequestLimit {

    private final ResizableSemaphore permits;
    private int size;

    RequestLimit(int size) {
        this.size = size;
        this.permits = new ResizableSemaphore(size);
    }

    /** Waits for a free slot, in arrival order. */
    void acquire() throws InterruptedException {
        permits.acquire();
    }

    void release() {
        permits.release();
    }

    /** Changes the cap; when it shrinks, requests in progress finish and the excess slots are not given out again. */
    synchronized void resize(int newSize) {
        int delta = newSize - size;
        size = newSize;
        if (delta > 0) {
            permits.release(delta);
        } else if (delta < 0) {
            permits.shrink(-delta);
        }
    }

    /** @return how many callers are waiting for a slot (for tests and diagnostics) */
    int waiting() {
        return permits.getQueueLength();
    }

    private static final class ResizableSemaphore extends Semaphore {
        private static final long serialVersionUID = 1L;

        ResizableSemaphore(int permits) {
            super(permits, true);
        }

        void shrink(int by) {
            reducePermits(by);
        }
    }
}
