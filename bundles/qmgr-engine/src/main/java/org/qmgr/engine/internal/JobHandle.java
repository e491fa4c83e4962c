package org.qmgr.engine.internal;

import java.util.List;
import java.util.UUID;

import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.JobStatus;
import org.qmgr.api.ProgressType;
import org.qmgr.api.dto.FileDTO;

/** A client's handle to a job: a thin view delegating to the engine. */
final class JobHandle implements BackgroundCopyJob {

    private final QueueEngine engine;
    private final UUID groupId;
    private final UUID jobId;
    /** Who opened the group's handle; {@code null} for the engine's own handles, never checked. */
    private final Caller holder;

    JobHandle(QueueEngine engine, UUID groupId, UUID jobId, Caller holder) {
        this.engine = engine;
        this.groupId = groupId;
        this.jobId = jobId;
        this.holder = holder;
    }

    /**
     * The engine, once the caller that opened this handle is checked to still hold the group: after an
     * administrator took it over, the former owner's handles fail with {@code E_ACCESSDENIED} (spec §2.0,
     * "caller has lost access") instead of still steering a group that is no longer theirs.
     */
    private QueueEngine engine() {
        if (holder != null) {
            engine.commands().checkHolder(holder, groupId);
        }
        return engine;
    }

    @Override
    public UUID getJobId() {
        return jobId;
    }

    @Override
    public UUID getGroupId() {
        return groupId;
    }

    @Override
    public void cancelJob() {
        engine().commands().cancelJob(jobId);
    }

    @Override
    public long getProgress(ProgressType type) {
        return engine().queries().jobProgress(jobId, type);
    }

    @Override
    public int getProgressRaw(int flags) {
        return StatusWords.saturate(getProgress(ProgressType.fromValue(flags)));
    }

    @Override
    public JobStatus getStatus() {
        return engine().queries().jobStatus(jobId);
    }

    @Override
    public void addFiles(List<FileSetInfo> files) {
        engine().commands().addFiles(jobId, files, holder);
    }

    @Override
    public FileSetInfo getFile(int index) {
        return engine().queries().file(jobId, index);
    }

    @Override
    public FileDTO getFileInfo(int index) {
        return engine().queries().fileInfo(jobId, index);
    }

    @Override
    public int getFileCount() {
        return engine().queries().fileCount(jobId);
    }

    @Override
    public void switchToForeground() {
        engine().commands().switchToForeground(engine().queries().groupOf(jobId));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobHandle h && h.jobId.equals(jobId);
    }

    @Override
    public int hashCode() {
        return jobId.hashCode();
    }

    @Override
    public String toString() {
        return "BackgroundCopyJob[" + jobId + "]";
    }
}
