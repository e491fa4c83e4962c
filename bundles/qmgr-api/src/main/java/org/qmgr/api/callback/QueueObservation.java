package org.qmgr.api.callback;

import java.util.UUID;

/**
 * What a {@link QueueObserver} sees: one event of a group, or a progress sample.
 *
 * @param kind            what happened
 * @param groupId         the group
 * @param owner           the group's owner
 * @param displayName     the group's display name just after the event (for {@link Kind#CANCELLED}, the last
 *                        one seen), or {@code null} when it has none
 * @param jobId           the job concerned, or {@code null}
 * @param fileIndex       the file concerned, or -1
 * @param status          the group status word at the time of the event (0 for {@link Kind#CANCELLED}; a
 *                        progress sample is taken only while the group transfers, so it carries
 *                        {@code QM_STATUS_GROUP_INCOMPLETE} 0x80)
 * @param win32Result     Win32 code of an error, else 0
 * @param transportResult HTTP status of an error, else 0
 * @param bytesDone       bytes held (progress samples), else -1
 * @param bytesTotal      total bytes, 0 while unknown (progress samples), else -1
 * @param bytesPerSecond  current rate (progress samples), else -1
 * @param timeMillis      when it happened, epoch milliseconds
 */
public record QueueObservation(Kind kind, UUID groupId, String owner, String displayName, UUID jobId,
                               int fileIndex, int status, int win32Result, int transportResult, long bytesDone,
                               long bytesTotal, long bytesPerSecond, long timeMillis) {

    /** The kinds of observation. */
    public enum Kind {
        /** A group was created. */
        CREATED,
        /** A group was resumed. */
        RESUMED,
        /** A group was suspended by its client. */
        SUSPENDED,
        /** A group completed. */
        COMPLETED,
        /** A group entered the error state. */
        ERROR,
        /** A group was cancelled. */
        CANCELLED,
        /** A job's last file was committed. */
        JOB_COMPLETED,
        /** A file was committed to its local path. */
        FILE_COMMITTED,
        /** A progress sample of a transferring group (throttled). */
        PROGRESS
    }
}
