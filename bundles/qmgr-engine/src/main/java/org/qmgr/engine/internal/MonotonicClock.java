package org.qmgr.engine.internal;

/** The one clock behind every timer of the engine (spec §1.8: monotonic); replaceable in tests. */
@FunctionalInterface
interface MonotonicClock {

    /** The system's monotonic clock. */
    MonotonicClock SYSTEM = System::nanoTime;

    /** @return monotonic nanoseconds */
    long nanos();
}
