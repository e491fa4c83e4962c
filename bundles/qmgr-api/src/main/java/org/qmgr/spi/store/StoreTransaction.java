package org.qmgr.spi.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;
import org.qmgr.spi.notify.QueueEvent;

/**
 * The operations available inside one store transaction. Lists are returned in their natural order:
 * groups and jobs by creation {@code sequence}, files by index. Write methods fail with
 * {@link QueueStoreException} in a read-only transaction.
 */
@ProviderType
public interface StoreTransaction {

    // ---- reads -----------------------------------------------------------------------------------------

    /** @return every stored group in creation order */
    List<GroupRecord> groups();

    /**
     * @param groupId the group's id
     * @return the group, or empty
     */
    Optional<GroupRecord> group(UUID groupId);

    /**
     * @param groupId the group's id
     * @return the group's jobs in creation order (empty for an unknown group)
     */
    List<JobRecord> jobs(UUID groupId);

    /**
     * @param jobId a job id, looked up across the whole queue
     * @return the job, or empty
     */
    Optional<JobRecord> job(UUID jobId);

    /**
     * @param jobId the job's id
     * @return the job's files in index order (empty for an unknown job)
     */
    List<FileRecord> files(UUID jobId);

    /** @return the highest sequence number handed out so far (0 when none); sequences order creation */
    long lastSequence();

    /**
     * The outbox: notifications stored with the state change that caused them and not yet acknowledged.
     *
     * @return every stored notification, by {@link QueueEvent#sequence()} ascending
     * @since 1.2
     */
    List<QueueEvent> notifications();

    // ---- writes ----------------------------------------------------------------------------------------

    /**
     * @param group the new group
     * @throws QueueStoreException with {@link QueueStoreException.Reason#DUPLICATE_KEY} if the id exists
     */
    void insertGroup(GroupRecord group);

    /**
     * Replaces a stored group.
     *
     * @param group the new state of the group
     * @throws QueueStoreException with {@link QueueStoreException.Reason#NOT_FOUND} if it is not stored
     */
    void updateGroup(GroupRecord group);

    /**
     * Deletes a group with its jobs, files, lease and stored notifications. Deleting an unknown group does
     * nothing.
     *
     * @param groupId the group's id
     */
    void deleteGroup(UUID groupId);

    /**
     * @param job the new job; its group must exist
     * @throws QueueStoreException with {@link QueueStoreException.Reason#DUPLICATE_KEY} if the id exists
     */
    void insertJob(JobRecord job);

    /**
     * Deletes a job with its files. Deleting an unknown job does nothing.
     *
     * @param jobId the job's id
     */
    void deleteJob(UUID jobId);

    /**
     * Appends files to their jobs; each file's index must be the next free index of its job.
     *
     * @param files the files, in index order
     */
    void insertFiles(List<FileRecord> files);

    /**
     * Replaces a stored file (progress checkpoint, commit).
     *
     * @param file the new state of the file, identified by job id and index
     * @throws QueueStoreException with {@link QueueStoreException.Reason#NOT_FOUND} if it is not stored
     */
    void updateFile(FileRecord file);

    /**
     * Stores a notification in the outbox, in the transaction of the state change that caused it.
     *
     * @param notification the event, with a {@link QueueEvent#sequence()} handed out by {@link #nextSequence()}
     *                     (above 0); its group must exist
     * @throws QueueStoreException with {@link QueueStoreException.Reason#DUPLICATE_KEY} if the sequence is
     *                             stored already, {@link QueueStoreException.Reason#NOT_FOUND} if the group is
     *                             not, or (as {@code IllegalArgumentException}) if the sequence is 0
     * @since 1.2
     */
    void insertNotification(QueueEvent notification);

    /**
     * Deletes stored notifications; sequences not stored are ignored.
     *
     * @param sequences the notifications' {@link QueueEvent#sequence()}s
     * @since 1.2
     */
    void deleteNotifications(Collection<Long> sequences);

    /**
     * Hands out the next creation sequence number.
     *
     * @return a number above every one handed out before
     */
    long nextSequence();

    // ---- leases ----------------------------------------------------------------------------------------

    /**
     * Claims a group's work for a node: succeeds when nobody holds the lease, it expired, or the node
     * already holds it (then the epoch stays). A claim after a release or a takeover raises the epoch;
     * epochs never decrease nor repeat for a stored group, so an old lease stays fenced.
     *
     * @param groupId the group
     * @param nodeId  the claiming node
     * @param ttl     how long the lease lasts unless renewed
     * @return the lease, or empty when another node holds a live one
     */
    Optional<Lease> claim(UUID groupId, String nodeId, Duration ttl);

    /**
     * Extends a lease still held (same node and epoch).
     *
     * @param lease the lease held
     * @param ttl   the new time to live from now
     * @return the renewed lease
     * @throws QueueStoreException with {@link QueueStoreException.Reason#LEASE_LOST} if it moved
     */
    Lease renew(Lease lease, Duration ttl);

    /**
     * Checks that a lease is still held, as the first step of a fenced commit.
     *
     * @param lease the lease held
     * @throws QueueStoreException with {@link QueueStoreException.Reason#LEASE_LOST} if it moved
     */
    void verify(Lease lease);

    /**
     * Gives a lease up; does nothing when it is no longer held.
     *
     * @param lease the lease held
     */
    void release(Lease lease);
}
