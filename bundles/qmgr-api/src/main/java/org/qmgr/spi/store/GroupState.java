package org.qmgr.spi.store;

/** The group lifecycle states of spec §1.3.1 as stored ({@code CANCELLED} groups are deleted instead). */
public enum GroupState {
    /** Idle, not eligible to transfer. */
    SUSPENDED,
    /** Resumed, waiting for the scheduler. */
    QUEUED,
    /** A file of the group is being transferred. */
    TRANSFERRING,
    /** Waiting out the retry delay after a transient error. */
    RETRY_WAIT,
    /** Stopped by a fatal error or an exhausted retry budget. */
    ERROR,
    /** Every file is committed. */
    COMPLETE;

    /** @return {@code true} for QUEUED, TRANSFERRING and RETRY_WAIT (spec: "running") */
    public boolean running() {
        return this == QUEUED || this == TRANSFERRING || this == RETRY_WAIT;
    }
}
