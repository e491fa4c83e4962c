package org.qmgr.api.callback;

import java.util.Set;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.GroupStatusFlag;

/**
 * The arguments of {@code OnStatus} (spec §5.3). Note the order retries, Win32, transport differs from
 * {@link org.qmgr.api.BackgroundCopyJob#getStatus()}.
 *
 * @param group           the group, never {@code null}
 * @param job             the job concerned, or {@code null} for an event not tied to a job
 * @param fileIndex       index of the file concerned, or -1 when none
 * @param status          the group status word at the time of the event
 * @param numOfRetries    automatic retries made before an error was declared, 0 otherwise
 * @param win32Result     Win32 code of the failure (spec §4.10), 0 otherwise
 * @param transportResult HTTP status of the failure, 0 otherwise
 */
public record StatusNotification(BackgroundCopyGroup group, BackgroundCopyJob job, int fileIndex, int status,
                                 int numOfRetries, int win32Result, int transportResult) {

    /** @return {@code true} when the status word has {@code QM_STATUS_GROUP_ERROR} set */
    public boolean isError() {
        return (status & GroupStatusFlag.ERROR.value()) != 0;
    }

    /** @return the decoded status flags */
    public Set<GroupStatusFlag> flags() {
        return GroupStatusFlag.fromMask(status);
    }
}
