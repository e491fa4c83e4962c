package org.qmgr.api.callback;

import java.util.Set;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.GroupStatusFlag;

/**
 * The arguments of {@code OnStatus} (spec §5.3). Note the order retries, Win32, transport differs from
 * {@link org.qmgr.api.BackgroundCopyJob#getStatus()}. A notification delivered again (after a failure or a
 * restart) carries exactly the same values.
 *
 * @param group           the group, never {@code null}
 * @param job             the job concerned, or {@code null} for an event not tied to a job
 * @param fileIndex       index of the file concerned, or -1 when none
 * @param status          the group status word at the time of the event
 * @param numOfRetries    automatic retries made before an error was declared, 0 otherwise
 * @param win32Result     Win32 code of the failure (spec §4.10), 0 otherwise
 * @param transportResult HTTP status of the failure, 0 otherwise
 * @param timeMillis      when the event happened, epoch milliseconds (an extension: not a QMGR argument);
 *                        0 when unknown
 */
public record StatusNotification(BackgroundCopyGroup group, BackgroundCopyJob job, int fileIndex, int status,
                                 int numOfRetries, int win32Result, int transportResult, long timeMillis) {

    /**
     * The QMGR arguments without an event time.
     *
     * @param group           the group
     * @param job             the job, or {@code null}
     * @param fileIndex       the file, or -1
     * @param status          the group status word
     * @param numOfRetries    retries before an error
     * @param win32Result     Win32 code of the failure
     * @param transportResult HTTP status of the failure
     */
    public StatusNotification(BackgroundCopyGroup group, BackgroundCopyJob job, int fileIndex, int status,
                              int numOfRetries, int win32Result, int transportResult) {
        this(group, job, fileIndex, status, numOfRetries, win32Result, transportResult, 0);
    }

    /** @return {@code true} when the status word has {@code QM_STATUS_GROUP_ERROR} set */
    public boolean isError() {
        return (status & GroupStatusFlag.ERROR.value()) != 0;
    }

    /** @return the decoded status flags */
    public Set<GroupStatusFlag> flags() {
        return GroupStatusFlag.fromMask(status);
    }
}
