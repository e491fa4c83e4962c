package org.qmgr.engine.internal;

import org.qmgr.engine.internal.GroupWorker.StopSignal;

/**
 * What a transfer's chunks are charged to ({@link Bandwidth} picks one per group): how much to read at once,
 * and a payment for the bytes read that holds the transfer back while a cap is exceeded. Shared by concurrent
 * transfers; a call allocates nothing and takes no engine lock, since it runs once per chunk.
 */
interface Throttle {

    /**
     * @param buffer the transfer's buffer size
     * @return how many bytes to read next, at most {@code buffer}
     */
    int readSize(int buffer);

    /**
     * Charges bytes just read; returns once the transfer may read again.
     *
     * @throws StopSignal when the worker is stopped or asked to yield while it waits
     */
    void pay(long bytes, GroupWorker worker) throws StopSignal;

    /**
     * Which cap holds transfers back now: one that made a transfer wait within the last half second.
     *
     * @param nowNanos the engine's monotonic time
     * @return the configuration key of that cap, or {@code null} when none holds transfers back
     */
    String holdingCap(long nowNanos);
}
