package org.qmgr.api;

/**
 * The priority of a background group, a typed extension beyond QMGR's single priority (P3). The raw
 * {@code GROUPPROP_PRIORITY} still accepts and returns only 1.
 *
 * <p>Among background groups that are eligible to run, a group of higher priority preempts groups of lower
 * priority: their transfers pause (partial data kept) until no higher group is waiting. Groups of equal priority
 * share the background slot round-robin in time slices, as BITS does. Foreground groups
 * ({@code switchToForeground()}) are scheduled ahead of every background priority. New groups are
 * {@link #NORMAL}.
 */
public enum BackgroundPriority {
    /** Preempts {@link #NORMAL} and {@link #LOW} background groups. */
    HIGH,
    /** The default for a new group. */
    NORMAL,
    /** Runs only when no {@link #HIGH} or {@link #NORMAL} background group is waiting. */
    LOW
}
