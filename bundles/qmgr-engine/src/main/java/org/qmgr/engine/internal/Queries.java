package org.qmgr.engine.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.FileSetInfo;
import org.qmgr.api.GroupProp;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.Guids;
import org.qmgr.api.JobStatus;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.api.QmgrInvalidStateException.Reason;
import org.qmgr.api.QmgrItemNotFoundException;
import org.qmgr.api.Variant;
import org.qmgr.api.dto.FileDTO;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.api.dto.JobDTO;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;

/** The read-only API calls, answered from the engine's cache under its lock. */
final class Queries {

    private final QueueCore core;

    Queries(QueueCore core) {
        this.core = core;
    }

    Variant getProp(UUID groupId, GroupProp prop) {
        if (prop == null) {
            throw new QmgrInvalidArgumentException("property must not be null");
        }
        synchronized (core.lock) {
            return PropertyCodec.get(core.live(groupId).record(), prop);
        }
    }

    GroupRecord record(UUID groupId) {
        synchronized (core.lock) {
            return core.live(groupId).record();
        }
    }

    GroupStatus status(UUID groupId) {
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            return GroupStatus.of(StatusWords.groupStatus(g), StatusWords.jobIndex(g));
        }
    }

    long groupProgress(UUID groupId, ProgressType type) {
        requireType(type);
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            return progress(g, g.allFiles(), type);
        }
    }

    long jobProgress(UUID jobId, ProgressType type) {
        requireType(type);
        synchronized (core.lock) {
            GroupEntry g = groupOfJob(jobId);
            return progress(g, g.files(jobId), type);
        }
    }

    private long progress(GroupEntry g, List<FileRecord> files, ProgressType type) {
        long done = StatusWords.bytesDone(g, files);
        return switch (type) {
            case SIZE_DONE -> done;
            case PERCENT_DONE -> StatusWords.percent(g, files, done);
            case TIME_DONE -> TimeUnit.MILLISECONDS.toSeconds(StatusWords.activeMillis(g, core.clock().nanos()));
        };
    }

    long size(UUID groupId) {
        synchronized (core.lock) {
            return StatusWords.totalSize(core.live(groupId).allFiles());
        }
    }

    List<UUID> jobIds(UUID groupId) {
        synchronized (core.lock) {
            return core.live(groupId).jobs.stream().map(JobRecord::jobId).toList();
        }
    }

    void requireJob(UUID groupId, UUID jobId) {
        if (jobId == null || jobId.equals(Guids.GUID_NULL)) {
            // Spec §2.0: GUID_NULL is never an identifier, so it is bad input rather than an unknown job.
            throw new QmgrInvalidArgumentException("job id must not be null or GUID_NULL");
        }
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            if (g.jobIndexOf(jobId) < 0) {
                throw new QmgrItemNotFoundException("group " + Guids.format(groupId) + " has no job " + Guids.format(jobId));
            }
        }
    }

    JobStatus jobStatus(UUID jobId) {
        synchronized (core.lock) {
            GroupEntry g = groupOfJob(jobId);
            int word = StatusWords.jobStatus(g, jobId);
            GroupRecord r = g.record();
            boolean error = r.state() == GroupState.ERROR && (word & 0x10) != 0;
            return error ? JobStatus.of(word, r.win32Result(), r.transportResult(), r.retries())
                    : JobStatus.of(word, 0, 0, 0);
        }
    }

    UUID groupOf(UUID jobId) {
        synchronized (core.lock) {
            return groupOfJob(jobId).id();
        }
    }

    int fileCount(UUID jobId) {
        synchronized (core.lock) {
            return groupOfJob(jobId).files(jobId).size();
        }
    }

    FileSetInfo file(UUID jobId, int index) {
        synchronized (core.lock) {
            FileRecord f = fileAt(groupOfJob(jobId), jobId, index);
            return new FileSetInfo(f.remoteUrl(), f.localPath(), (int) f.sizeHint(), f.expectedSha256());
        }
    }

    FileDTO fileInfo(UUID jobId, int index) {
        synchronized (core.lock) {
            GroupEntry g = groupOfJob(jobId);
            return fileDto(g, fileAt(g, jobId, index));
        }
    }

    GroupDTO info(UUID groupId) {
        synchronized (core.lock) {
            GroupEntry g = core.live(groupId);
            GroupRecord r = g.record();
            GroupDTO dto = new GroupDTO();
            dto.groupId = r.groupId();
            dto.owner = r.owner();
            dto.displayName = r.displayName();
            dto.description = r.description();
            dto.status = StatusWords.groupStatus(g);
            dto.state = r.state().name();
            dto.foreground = r.foreground();
            dto.backgroundPriority = r.backgroundPriority();
            dto.customHeaders = new LinkedHashMap<>(r.customHeaders());
            List<FileRecord> all = g.allFiles();
            dto.size = StatusWords.totalSize(all);
            dto.bytesTransferred = StatusWords.bytesDone(g, all);
            dto.percent = StatusWords.percent(g, all, dto.bytesTransferred);
            dto.jobIndex = StatusWords.jobIndex(g);
            boolean error = r.state() == GroupState.ERROR;
            // A group waiting to retry shows the transient error it waits out, codes and words, as why() does;
            // only the job status (GetStatus) keeps them for ERROR (spec A-13).
            boolean failed = error || r.state() == GroupState.RETRY_WAIT;
            dto.win32Result = failed ? r.win32Result() : 0;
            dto.transportResult = failed ? r.transportResult() : 0;
            dto.retries = error ? r.retries() : 0;
            dto.errorDescription = failed ? g.errorDescription : null;
            dto.createdMillis = r.createdMillis();
            dto.modifiedMillis = r.modifiedMillis();
            for (JobRecord j : g.jobs) {
                JobDTO job = new JobDTO();
                job.jobId = j.jobId();
                g.files(j.jobId()).forEach(f -> job.files.add(fileDto(g, f)));
                dto.jobs.add(job);
            }
            return dto;
        }
    }

    private static FileDTO fileDto(GroupEntry g, FileRecord f) {
        FileDTO dto = new FileDTO();
        dto.index = f.index();
        dto.remoteFile = f.remoteUrl();
        dto.localFile = f.localPath();
        dto.sizeHint = f.sizeHint();
        dto.totalBytes = f.totalBytes();
        dto.bytesTransferred = StatusWords.bytesDone(g, List.of(f));
        dto.completed = f.completed();
        dto.expectedSha256 = f.expectedSha256();
        dto.sha256 = f.sha256();
        return dto;
    }

    private static FileRecord fileAt(GroupEntry g, UUID jobId, int index) {
        List<FileRecord> files = g.files(jobId);
        long unsigned = Integer.toUnsignedLong(index);
        if (unsigned >= files.size()) {
            throw new QmgrItemNotFoundException("job " + Guids.format(jobId) + " has no file " + unsigned
                    + " (it has " + files.size() + ")");
        }
        return files.get(index);
    }

    private GroupEntry groupOfJob(UUID jobId) {
        core.checkActive();
        UUID groupId = core.jobGroups.get(jobId);
        if (groupId == null) {
            throw new QmgrInvalidStateException(Reason.CANCELLED, "job " + Guids.format(jobId) + " is cancelled");
        }
        return core.live(groupId);
    }

    private static void requireType(ProgressType type) {
        if (type == null) {
            throw new QmgrInvalidArgumentException("progress type must not be null");
        }
    }
}
