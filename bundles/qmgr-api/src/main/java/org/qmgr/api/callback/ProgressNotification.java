package org.qmgr.api.callback;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.ProgressType;

/**
 * The arguments of {@code OnProgress}/{@code OnProgressEx} (spec §2.5, P5–P6).
 *
 * @param type          what the value measures: the threshold that was crossed
 * @param group         the group, never {@code null}
 * @param job           the job now transferring, or {@code null}
 * @param fileIndex     index of the file now transferring, or -1
 * @param progressValue percent points, seconds of active transfer or bytes (saturated to 32 unsigned bits),
 *                      per {@code type}
 * @param timeMillis    when the progress was measured, epoch milliseconds; 0 when unknown
 */
public record ProgressNotification(ProgressType type, BackgroundCopyGroup group, BackgroundCopyJob job,
                                   int fileIndex, int progressValue, long timeMillis) {

    /**
     * Without a measuring time.
     *
     * @param type          what the value measures
     * @param group         the group
     * @param job           the job, or {@code null}
     * @param fileIndex     the file, or -1
     * @param progressValue the value
     */
    public ProgressNotification(ProgressType type, BackgroundCopyGroup group, BackgroundCopyJob job,
                                int fileIndex, int progressValue) {
        this(type, group, job, fileIndex, progressValue, 0);
    }
}
