package org.qmgr.api.dto;

import java.util.UUID;

/**
 * A notification not delivered yet.
 *
 * @since 1.2
 */
public class PendingNotificationDTO {
    /** The group. */
    public UUID groupId;
    /** Its owner. */
    public String owner;
    /** The event: GROUP_COMPLETED, GROUP_ERROR, JOB_COMPLETED, FILE_COMMITTED or PROGRESS. */
    public String event;
    /** The file concerned, or -1. */
    public int fileIndex;
    /** The group status word of the notification. */
    public int status;
    /** Its number in the store's outbox, or 0 when it is not stored (progress). */
    public long sequence;
    /** When the event happened, epoch milliseconds. */
    public long eventTimeMillis;
    /** Failed delivery attempts so far. */
    public int attempts;
    /** When the next attempt is due, epoch milliseconds, or 0 when it is not scheduled (waiting for a slot). */
    public long nextAttemptMillis;
    /** Why the last attempt failed, or {@code null}. */
    public String lastFailure;
}
