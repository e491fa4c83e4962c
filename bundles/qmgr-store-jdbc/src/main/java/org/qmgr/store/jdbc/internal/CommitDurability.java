package org.qmgr.store.jdbc.internal;

/**
 * How far an embedded H2 database has written a transaction when {@code commit} returns. H2 2.x keeps
 * committed changes in memory and writes them to its file from a background thread about once a second: a
 * JVM killed in that window loses transactions that were reported committed (measured: 187 of 500 quick
 * commits lost to {@code Runtime.halt}). PostgreSQL makes its own choice ({@code synchronous_commit}), so
 * this setting changes nothing there.
 */
public enum CommitDurability {

    /** Written and forced to the device ({@code CHECKPOINT SYNC}): survives a JVM kill and a power loss. */
    SYNC,

    /** Written to the operating system ({@code CHECKPOINT}): survives a JVM kill, not a power loss. */
    FLUSH,

    /** Left to H2's background writer: the last second of commits may be lost when the JVM dies. */
    DEFERRED
}
