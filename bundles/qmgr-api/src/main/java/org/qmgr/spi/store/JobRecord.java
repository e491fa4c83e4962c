package org.qmgr.spi.store;

import java.util.Objects;
import java.util.UUID;

/**
 * A stored job.
 *
 * @param jobId    the job's id, unique in the queue
 * @param groupId  the group holding it
 * @param sequence creation order
 */
public record JobRecord(UUID jobId, UUID groupId, long sequence) {

    /** Rejects {@code null} ids. */
    public JobRecord {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(groupId, "groupId");
    }
}
