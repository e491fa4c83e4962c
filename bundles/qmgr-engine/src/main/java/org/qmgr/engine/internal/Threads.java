package org.qmgr.engine.internal;

/** Thread helpers the engine's own helper threads share. */
public final class Threads {

    private Threads() {
    }

    /**
     * Waits until the thread has ended, even when interrupted meanwhile: a caller that must not go on while the
     * thread may still touch shared state. An interrupt is kept for the caller.
     */
    public static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
