package org.qmgr.api;

/**
 * Why a group is, or is not, transferring now: the code of a {@link GroupWhy} answer
 * ({@link BackgroundCopyGroup#why()}). The codes follow the scheduler's own decisions (spec §1.6 scheduling,
 * §1.8 retries, P3 priorities); each is named after what the group waits for.
 * <p>
 * There is no code for the per-owner group limit ({@code maxGroupsPerUser}): that limit refuses creating a group
 * and never keeps an existing one from running. The per-owner transfer limit does: {@link #OWNER_LIMIT}.
 *
 * @since 1.2
 */
public enum WaitReason {
    /** A file of the group is being transferred and no throughput cap holds it back. */
    TRANSFERRING,
    /** Transferring, but held back by a throughput cap now ({@link GroupWhy#cap()} names it). */
    BANDWIDTH_CAPPED,
    /** Suspended: new, or suspended by its owner; it transfers nothing until resumed. */
    SUSPENDED,
    /** Waiting out the retry delay after a transient error ({@link GroupWhy#until()}, the error codes). */
    RETRY_WAIT,
    /** Stopped by a fatal error or an exhausted retry budget; the owner must act (the error codes). */
    ERROR,
    /** Every file is downloaded and committed. */
    COMPLETE,
    /** Queued; every transfer slot is taken by foreground groups. */
    QUEUED_BEHIND_FOREGROUND,
    /** Queued; a background group of higher priority holds the one background slot. */
    QUEUED_BEHIND_PRIORITY,
    /** Queued; a background group of the same priority has its time slice ({@link GroupWhy#until()}: its end). */
    QUEUED_FOR_TURN,
    /** Queued; the engine's maximum of concurrent transfers is reached. */
    QUEUED_SLOTS_FULL,
    /** Queued; its owner already has as many groups transferring as the engine allows one owner. */
    OWNER_LIMIT,
    /** Queued and next in line: the scheduler starts it at its next pass. */
    QUEUED_STARTING,
    /** Queued; no transport serves the URL scheme of its next file, so it waits for one to be bound. */
    NO_TRANSPORT,
    /** Queued; the queue store does not answer, so nothing starts until it does. */
    STORE_UNAVAILABLE,
    /** Queued; a store migration holds the whole queue still. */
    QUEUE_HELD,
    /** Queued; another node sharing the store holds the group's lease and transfers it. */
    OTHER_NODE
}
