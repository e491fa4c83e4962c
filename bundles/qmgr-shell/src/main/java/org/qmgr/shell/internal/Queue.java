package org.qmgr.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.Guids;
import org.qmgr.api.QmgrException;
import org.qmgr.api.QmgrItemNotFoundException;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.api.dto.JobDTO;

/**
 * Read-only views of the caller's part of the queue for the commands and completers: snapshots through
 * {@link BackgroundCopyQMgr#getGroupInfo}, which never moves ownership, and the job handle for a job id.
 */
final class Queue {

    private Queue() {
    }

    /** @return snapshots of the groups visible to the caller (own; all for an administrator) */
    static List<GroupDTO> groups(BackgroundCopyQMgr qmgr) {
        List<GroupDTO> groups = new ArrayList<>();
        for (UUID id : qmgr.enumGroups().stream().toList()) {
            try {
                groups.add(qmgr.getGroupInfo(id));
            } catch (QmgrException e) {
                // cancelled (or taken over) since the enumeration's snapshot
            }
        }
        return groups;
    }

    /** @return the visible group holding the job */
    static GroupDTO groupOfJob(BackgroundCopyQMgr qmgr, UUID jobId) {
        for (GroupDTO g : groups(qmgr)) {
            for (JobDTO j : g.jobs) {
                if (j.jobId.equals(jobId)) {
                    return g;
                }
            }
        }
        throw new QmgrItemNotFoundException("no job " + Guids.format(jobId) + " in your groups");
    }

    /** @return the job's snapshot from its group's snapshot */
    static JobDTO job(GroupDTO group, UUID jobId) {
        return group.jobs.stream().filter(j -> j.jobId.equals(jobId)).findFirst()
                .orElseThrow(() -> new QmgrItemNotFoundException("no job " + Guids.format(jobId)));
    }

    /** @return a handle to the job (opening its group, spec §2.1.2) */
    static BackgroundCopyJob openJob(BackgroundCopyQMgr qmgr, UUID jobId) {
        return qmgr.getGroup(groupOfJob(qmgr, jobId).groupId).getJob(jobId);
    }
}
