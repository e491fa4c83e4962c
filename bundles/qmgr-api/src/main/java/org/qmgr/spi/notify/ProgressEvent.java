package org.qmgr.spi.notify;

import java.util.Objects;
import java.util.UUID;

import org.qmgr.api.ProgressType;

/**
 * A progress sample of a transferring group (spec P5, P6, P7). The engine raises one when the group crossed
 * one of its progress thresholds ({@code GROUPPROP_PROGRESSSIZE}, {@code PROGRESSPERCENT},
 * {@code PROGRESSTIME}; then {@link #crossed()} names it and the group's listener is due a progress call),
 * and, for monitoring, at most once per monitoring interval while it transfers ({@link #crossed()}
 * {@code null}). Progress is never stored: a newer sample supersedes an older one.
 *
 * @param groupId         the group
 * @param owner           its owner
 * @param jobId           the job now transferring, or {@code null}
 * @param fileIndex       the file now transferring, or -1
 * @param bytesDone       bytes held so far (committed files plus the current temp files)
 * @param bytesTotal      total size, 0 while any size is unknown (spec A-19)
 * @param bytesPerSecond  the current rate, averaged over the last sampling interval
 * @param percent         percent done, 0..99 while not complete (spec A-16)
 * @param secondsActive   seconds of active transfer so far (spec P7)
 * @param crossed         the threshold crossed, or {@code null} for a monitoring sample
 * @param notifyFlags     the group's notify flags at the time of the sample
 * @param timestampMillis when it was taken, epoch milliseconds
 */
public record ProgressEvent(UUID groupId, String owner, UUID jobId, int fileIndex, long bytesDone,
                            long bytesTotal, long bytesPerSecond, int percent, long secondsActive,
                            ProgressType crossed, int notifyFlags, long timestampMillis) {

    /** Rejects {@code null} where a value is required. */
    public ProgressEvent {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(owner, "owner");
    }

    /**
     * The value a listener's {@code onProgress} receives for the crossed threshold: percent points, seconds
     * or bytes, saturated to 32 unsigned bits.
     *
     * @return the value, or 0 for a monitoring sample
     */
    public int progressValue() {
        if (crossed == null) {
            return 0;
        }
        long v = switch (crossed) {
            case PERCENT_DONE -> percent;
            case TIME_DONE -> secondsActive;
            case SIZE_DONE -> bytesDone;
        };
        return v >= 0xFFFF_FFFFL ? 0xFFFF_FFFF : (int) v;
    }
}
