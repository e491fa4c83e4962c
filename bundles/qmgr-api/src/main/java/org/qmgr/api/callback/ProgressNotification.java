package org.qmgr.api.callback;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.ProgressType;

/**
 * The arguments of {@code OnProgress}/{@code OnProgressEx} (spec §2.5, P5–P6).
 *
 * @param type          what the value measures
 * @param group         the group, never {@code null}
 * @param job           the job now transferring, or {@code null}
 * @param fileIndex     index of the file now transferring, or -1
 * @param progressValue percent or bytes (saturated to 32 bits), per {@code type}
 */
public record ProgressNotification(ProgressType type, BackgroundCopyGroup group, BackgroundCopyJob job,
                                   int fileIndex, int progressValue) {
}
