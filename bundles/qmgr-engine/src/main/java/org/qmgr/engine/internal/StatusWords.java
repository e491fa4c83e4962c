package org.qmgr.engine.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.GroupStatusFlag;
import org.qmgr.api.JobStatusFlag;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;

/** Computes status words (spec §1.3.2, §1.4), progress and sizes (spec §2.2.3, §2.2.9) from a group entry. */
final class StatusWords {

    private StatusWords() {
    }

    static int groupStatus(GroupEntry g) {
        return groupStatus(g.record());
    }

    /** The status word of a group record, e.g. one about to be stored. */
    static int groupStatus(GroupRecord r) {
        int word = switch (r.state()) {
            case SUSPENDED -> GroupStatusFlag.SUSPENDED.value() | GroupStatusFlag.INCOMPLETE.value();
            case QUEUED, TRANSFERRING, RETRY_WAIT -> GroupStatusFlag.INCOMPLETE.value();
            case ERROR -> GroupStatusFlag.ERROR.value() | GroupStatusFlag.SUSPENDED.value()
                    | GroupStatusFlag.INCOMPLETE.value();
            case COMPLETE -> GroupStatusFlag.COMPLETE.value() | GroupStatusFlag.SUSPENDED.value();
        };
        return r.foreground() ? word | GroupStatusFlag.FOREGROUND.value() : word;
    }

    /** Index of the job now transferring or failed, the last one when complete (spec P1); 0 without jobs. */
    static int jobIndex(GroupEntry g) {
        if (g.jobs.isEmpty()) {
            return 0;
        }
        if (g.record().state() == GroupState.ERROR && g.record().errorJobIndex() >= 0) {
            return g.record().errorJobIndex();
        }
        for (int i = 0; i < g.jobs.size(); i++) {
            if (g.files(g.jobs.get(i).jobId()).stream().anyMatch(f -> !f.completed())) {
                return i;
            }
        }
        return g.jobs.size() - 1;
    }

    static int jobStatus(GroupEntry g, UUID jobId) {
        List<FileRecord> files = g.files(jobId);
        boolean complete = !files.isEmpty() && files.stream().allMatch(FileRecord::completed);
        if (complete) {
            return JobStatusFlag.COMPLETE.value();
        }
        boolean failed = g.record().state() == GroupState.ERROR && g.jobIndexOf(jobId) == jobIndex(g);
        return failed ? JobStatusFlag.ERROR.value() | JobStatusFlag.INCOMPLETE.value()
                : JobStatusFlag.INCOMPLETE.value();
    }

    /** Bytes held: full size of committed files, live or checkpointed bytes of the others. */
    static long bytesDone(GroupEntry g, List<FileRecord> files) {
        long sum = 0;
        for (FileRecord f : files) {
            sum += f.completed() ? Math.max(f.totalBytes(), 0) : g.liveBytes(f);
        }
        return sum;
    }

    /** Total size, or 0 while any size is unknown or there are no files (spec A-19). */
    static long totalSize(List<FileRecord> files) {
        if (files.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (FileRecord f : files) {
            if (f.totalBytes() < 0) {
                return 0;
            }
            sum += f.totalBytes();
        }
        return sum;
    }

    /**
     * floor(100 × done / total), capped at 99 until the group is COMPLETE, then 100 (spec A-16, C73). The
     * group's state decides, not the files: the last file is committed a moment before the group completes.
     */
    static int percent(GroupEntry g, List<FileRecord> files, long done) {
        if (g.record().state() == GroupState.COMPLETE) {
            return 100;
        }
        long total = totalSize(files);
        if (total <= 0) {
            return 0;
        }
        long pct = (long) Math.floor(100.0 * Math.min(done, total) / total);
        return (int) Math.min(99, pct);
    }

    /**
     * Milliseconds of active transfer so far (spec P7): what earlier TRANSFERRING periods stored plus the one
     * running now, if any.
     *
     * @param nowNanos the engine's monotonic time
     */
    static long activeMillis(GroupEntry g, long nowNanos) {
        return g.record().activeMillis() + (g.activeSinceNanos == 0 ? 0
                : TimeUnit.NANOSECONDS.toMillis(nowNanos - g.activeSinceNanos));
    }

    static int saturate(long value) {
        return value >= 0xFFFF_FFFFL ? 0xFFFF_FFFF : (int) value;
    }
}
