package org.qmgr.spi.notify;

import java.util.Objects;
import java.util.UUID;

import org.qmgr.api.NotifyFlag;

/**
 * One thing that happened in the queue, with the arguments a listener needs (spec §5.3).
 * <p>
 * An event a listener is to receive ({@link #notifiesListeners()}) is stored by the engine in the same store
 * transaction as the state change that caused it (the outbox), with a {@link #sequence()} above 0; it stays
 * stored until the notification machinery {@linkplain QueueView#acknowledge acknowledges} it, so a
 * notification due when the JVM dies is delivered after restart. Other events are not stored (sequence 0).
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
 * @param sequence        the stored notification's number in the outbox (increasing in event order), or 0
 *                        when the event is not stored
 */
public record QueueEvent(Type type, UUID groupId, String owner, UUID jobId, int fileIndex, int status,
                         int numOfRetries, int win32Result, int transportResult, int notifyFlags,
                         UUID notifyClsid, long timestampMillis, long sequence) {

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

    /** Rejects {@code null} where a value is required and a negative sequence. */
    public QueueEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(owner, "owner");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence " + sequence + " is negative");
        }
    }

    /**
     * An event not (yet) stored: sequence 0.
     *
     * @param type            what happened
     * @param groupId         the group
     * @param owner           the group's owner
     * @param jobId           the job, or {@code null}
     * @param fileIndex       the file, or -1
     * @param status          the group status word
     * @param numOfRetries    retries before an error
     * @param win32Result     Win32 code of an error
     * @param transportResult HTTP status of an error
     * @param notifyFlags     the group's notify flags
     * @param notifyClsid     the group's notify class id, or {@code null}
     * @param timestampMillis when it happened
     */
    public QueueEvent(Type type, UUID groupId, String owner, UUID jobId, int fileIndex, int status,
                      int numOfRetries, int win32Result, int transportResult, int notifyFlags,
                      UUID notifyClsid, long timestampMillis) {
        this(type, groupId, owner, jobId, fileIndex, status, numOfRetries, win32Result, transportResult,
                notifyFlags, notifyClsid, timestampMillis, 0);
    }

    /**
     * @param number the outbox number the store keeps it under
     * @return this event, stored under {@code number}
     */
    public QueueEvent withSequence(long number) {
        return new QueueEvent(type, groupId, owner, jobId, fileIndex, status, numOfRetries, win32Result,
                transportResult, notifyFlags, notifyClsid, timestampMillis, number);
    }

    /** @return whether the event is kept in the store's outbox until acknowledged */
    public boolean stored() {
        return sequence > 0;
    }

    /**
     * Whether a group's listener is to receive this event, decided with the flags in force when it happened
     * (spec §5.2 as amended by P6): an error by default, completion with {@code GROUP_DONE}, a committed file
     * with {@code FILE_DONE}, a completed job with {@code JOB_DONE}; {@code DISABLE_NOTIFY} silences all.
     * These are the events the engine stores in the outbox.
     *
     * @return {@code true} when {@code onStatus} is due for this event
     */
    public boolean notifiesListeners() {
        if ((notifyFlags & NotifyFlag.DISABLE_NOTIFY.value()) != 0) {
            return false;
        }
        return switch (type) {
            case GROUP_ERROR -> true;
            case GROUP_COMPLETED -> (notifyFlags & NotifyFlag.GROUP_DONE.value()) != 0;
            case FILE_COMMITTED -> (notifyFlags & NotifyFlag.FILE_DONE.value()) != 0;
            case JOB_COMPLETED -> (notifyFlags & NotifyFlag.JOB_DONE.value()) != 0;
            default -> false;
        };
    }
}
