package org.qmgr.spi.notify;

import java.util.Objects;
import java.util.UUID;

/**
 * One thing that happened in the queue, with the arguments a listener needs (spec §5.3).
 *
 * @param type            what happened
 * @param groupId         the group
 * @param owner           the group's owner when it happened
 * @param jobId           the job concerned, or {@code null}
 * @param fileIndex       the file concerned, or -1
 * @param status          the group status word at the time of the event
 * @param numOfRetries    retries made before an error was declared, else 0
 * @param win32Result     Win32 code of an error, else 0
 * @param transportResult HTTP status of an error, else 0
 * @param notifyFlags     the group's {@code GROUPPROP_NOTIFYFLAGS} when it happened (spec §5.2: flags are
 *                        checked when the event happens)
 * @param notifyClsid     the group's {@code GROUPPROP_NOTIFYCLSID} when it happened, or {@code null}
 * @param timestampMillis when it happened, epoch milliseconds
 */
public record QueueEvent(Type type, UUID groupId, String owner, UUID jobId, int fileIndex, int status,
                         int numOfRetries, int win32Result, int transportResult, int notifyFlags,
                         UUID notifyClsid, long timestampMillis) {

    /** The kinds of event. */
    public enum Type {
        /** A group was created. */
        GROUP_CREATED,
        /** A group was resumed. */
        GROUP_RESUMED,
        /** A group was suspended by its client. */
        GROUP_SUSPENDED,
        /** A group completed. */
        GROUP_COMPLETED,
        /** A group entered the error state. */
        GROUP_ERROR,
        /** A group was cancelled (listeners are not told, spec §2.2.8; monitoring may be). */
        GROUP_CANCELLED,
        /** A job's last file was committed. */
        JOB_COMPLETED,
        /** A file was committed to its local path. */
        FILE_COMMITTED
    }

    /** Rejects {@code null} where a value is required. */
    public QueueEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(owner, "owner");
    }
}
