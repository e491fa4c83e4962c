package org.qmgr.api;

import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;
import org.qmgr.api.dto.FileDTO;

/**
 * A handle to a job: an ordered list of files within a group (QMGR {@code IBackgroundCopyJob1}, spec
 * §2.3). {@code equals}/{@code hashCode} go by {@link #getJobId() job id}. Once the group is cancelled,
 * every method except {@link #getJobId()} fails with {@link QmgrInvalidStateException}.
 */
@ProviderType
public interface BackgroundCopyJob {

    /** @return the job's id; works on a handle whose group was cancelled */
    UUID getJobId();

    /** @return the id of the group that holds this job */
    UUID getGroupId();

    /**
     * Removes this job from its group (spec P2): its unfinished temp files are deleted, committed files
     * kept, and the group re-evaluates its state.
     *
     * @throws QmgrInvalidStateException when the group is cancelled
     */
    void cancelJob();

    /**
     * Progress of this job (spec §2.3.2).
     *
     * @param type what to measure, not {@code null}
     * @return percent, bytes done, or seconds of active transfer (P7)
     */
    long getProgress(ProgressType type);

    /**
     * @param flags a {@code QM_PROGRESS_*} value
     * @return the progress as an unsigned 32-bit int, saturating
     * @throws QmgrInvalidArgumentException for an unknown value
     */
    int getProgressRaw(int flags);

    /**
     * The job status word of spec §1.4 and, while in error, the Win32 result, transport (HTTP) result and
     * retry count (0 otherwise). Note the order differs from the callback's (spec §2.3.3).
     *
     * @return the status, never {@code null}
     */
    JobStatus getStatus();

    /**
     * Appends files, all or nothing (spec §2.3.4): every entry is validated before any is added.
     *
     * @param files the files, not {@code null}; an empty list is a no-op
     * @throws QmgrInvalidArgumentException for a bad URL or path, a duplicate local path, or a
     *         URL the group's protocol does not allow
     * @throws QmgrPathNotFoundException when a parent directory does not exist
     * @throws QmgrAccessDeniedException when the caller may not create files in a parent directory
     * @throws QmgrLimitExceededException when {@code maxFilesPerJob} would be exceeded
     */
    void addFiles(List<FileSetInfo> files);

    /**
     * Appends one file; same as {@code addFiles(List.of(new FileSetInfo(remoteUrl, localPath)))}.
     *
     * @param remoteUrl the URL, exactly as it should be requested
     * @param localPath the absolute destination path
     */
    default void addFile(String remoteUrl, String localPath) {
        addFiles(List.of(new FileSetInfo(remoteUrl, localPath)));
    }

    /**
     * @param index zero-based index, read as unsigned
     * @return the file's names and size hint exactly as added
     * @throws QmgrItemNotFoundException when {@code index >= getFileCount()}
     */
    FileSetInfo getFile(int index);

    /**
     * Transfer details of one file (an extension): sizes, bytes done, and the SHA-256 recorded at commit
     * (spec P12).
     *
     * @param index zero-based index
     * @return a snapshot, never {@code null}
     * @throws QmgrItemNotFoundException when {@code index >= getFileCount()}
     */
    FileDTO getFileInfo(int index);

    /** @return the number of files in the job */
    int getFileCount();

    /** Sets the foreground flag of this job's group (spec P2). */
    void switchToForeground();
}
