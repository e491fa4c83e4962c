package org.qmgr.engine.internal;

import java.io.IOException;

/**
 * Runs a transfer's checkpoints (force the temp file's bytes to the device, then store the record) on a
 * thread of its own, one at a time, while the transfer goes on reading and writing. Both steps wait for a
 * device, for milliseconds each; on the transfer thread they would stall the download at every checkpoint.
 * <p>
 * What a checkpoint throws is kept and thrown to the transfer thread by the next {@link #await} or
 * {@link #rethrow}, so a lost lease or an unavailable store stops the transfer as if it had stored the
 * checkpoint itself; a failure also runs a callback that wakes a transfer waiting for the network. The thread is started by the first {@link #start} and ended by {@link #close}. One
 * thread at a time calls {@link #start}, {@link #await}, {@link #rethrow} and {@link #close}.
 */
final class CheckpointBehind implements AutoCloseable {

    /** One checkpoint's work. */
    @FunctionalInterface
    interface Job {
        void run() throws IOException;
    }

    private final String threadName;
    private final Runnable onFailure;
    private Thread thread;
    /** Guarded by this: the job asked for and not taken yet. */
    private Job next;
    /** Guarded by this. */
    private boolean running;
    private boolean closed;
    /** Guarded by this: what the last job threw, until it is thrown to the transfer. */
    private Throwable failure;
    /** Whether {@link #failure} is set: read without the lock, at every write. */
    private volatile boolean failed;

    /**
     * @param threadName the thread's name
     * @param onFailure  run on the thread after a job failed, to wake the transfer if it waits elsewhere (e.g.
     *                   for the network): it must learn of the failure without writing another byte
     */
    CheckpointBehind(String threadName, Runnable onFailure) {
        this.threadName = threadName;
        this.onFailure = onFailure;
    }

    /** Starts {@code job}; the previous job must have been awaited. */
    synchronized void start(Job job) {
        if (next != null || running || closed) {
            throw new IllegalStateException(closed ? "closed" : "a checkpoint is still in progress");
        }
        if (thread == null) {
            thread = new Thread(this::loop, threadName);
            thread.setDaemon(true);
            thread.start();
        }
        next = job;
        notifyAll();
    }

    /** @return whether no job is in progress (a failure may wait to be thrown) */
    synchronized boolean isIdle() {
        return next == null && !running;
    }

    /**
     * Waits for the job started last, if any, and throws what it threw.
     *
     * @throws IOException when it failed to force the file
     */
    synchronized void await() throws IOException {
        boolean interrupted = false;
        while (next != null || running) {
            try {
                wait();
            } catch (InterruptedException e) {
                // A job ends by itself; the interrupt is passed on.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        rethrow();
    }

    /**
     * Throws what the last job threw, if it ended so; never waits.
     *
     * @throws IOException when it failed to force the file
     */
    void rethrow() throws IOException {
        if (!failed) {
            return;
        }
        Throwable e;
        synchronized (this) {
            e = failure;
            failure = null;
            failed = false;
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) e;
    }

    /** Waits for a job in progress (what it throws is dropped) and ends the thread. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            notifyAll();
            t = thread;
        }
        if (t == null) {
            return;
        }
        Threads.joinUninterruptibly(t);
    }

    private void loop() {
        while (true) {
            Job job;
            synchronized (this) {
                while (next == null && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // Only close ends this thread: the channel must not be closed under a job.
                    }
                }
                if (next == null) {
                    return;
                }
                job = next;
                next = null;
                running = true;
            }
            Throwable outcome = null;
            try {
                job.run();
            } catch (IOException | RuntimeException | Error e) {
                // Kept for the transfer thread, which decides; this thread must stay able to end.
                outcome = e;
            }
            synchronized (this) {
                running = false;
                if (outcome != null) {
                    failure = outcome;
                    failed = true;
                }
                notifyAll();
            }
            if (outcome != null) {
                onFailure.run();
            }
        }
    }
}
