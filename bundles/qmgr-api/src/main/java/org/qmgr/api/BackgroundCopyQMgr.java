package org.qmgr.api;

import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;
import org.qmgr.api.dto.GroupDTO;

/**
 * The download queue: creates, finds and lists groups (QMGR {@code IBackgroundCopyQMgr}, spec §2.1).
 * <p>
 * Obtain it as an OSGi service. It is registered with bundle scope, so each client bundle gets its own
 * instance that knows the caller: groups are owned by the authenticated JAAS subject when there is one, and
 * by the calling bundle otherwise (spec §1.2, P11). All methods are thread-safe, return once the change is
 * stored, and never wait for network I/O.
 * <p>
 * Every failure is a {@link QmgrException} carrying the spec's {@link QmgrException#hresult() HRESULT}.
 * After the service has gone away, calls on it and on handles obtained from it fail with
 * {@link QmgrServiceUnavailableException}.
 */
@ProviderType
public interface BackgroundCopyQMgr {

    /**
     * Creates a new, empty, suspended group (status {@code 0x180}) owned by the caller (spec §2.1.1).
     *
     * @param groupId identity chosen by the caller, unique in the whole queue; not {@code null}, not
     *                {@link Guids#GUID_NULL}
     * @return a handle to the new group
     * @throws QmgrInvalidArgumentException if {@code groupId} is {@code null}, {@code GUID_NULL}, or a group
     *         with that id already exists (whoever owns it; the existing group is unchanged)
     * @throws QmgrLimitExceededException when a configured group limit is reached
     */
    BackgroundCopyGroup createGroup(UUID groupId);

    /**
     * Returns a handle to an existing group; the caller becomes its owner (spec §2.1.2).
     *
     * @param groupId the group's id, not {@code null}
     * @return a handle to the group
     * @throws QmgrInvalidArgumentException if {@code groupId} is {@code null}
     * @throws QmgrItemNotFoundException if no such group is queued (cancelled groups included)
     * @throws QmgrAccessDeniedException if another identity owns it and the caller is not an administrator
     */
    BackgroundCopyGroup getGroup(UUID groupId);

    /**
     * A snapshot of a group for display and monitoring (an extension): unlike {@link #getGroup(UUID)} it
     * never moves ownership, so an administrator can look at any group without taking it over.
     *
     * @param groupId the group's id, not {@code null}
     * @return a new snapshot
     * @throws QmgrInvalidArgumentException if {@code groupId} is {@code null}
     * @throws QmgrItemNotFoundException if no such group is queued
     * @throws QmgrAccessDeniedException if another identity owns it and the caller is not an administrator
     */
    GroupDTO getGroupInfo(UUID groupId);

    /**
     * Why a group is or is not transferring (an extension), as {@link BackgroundCopyGroup#why()} answers, but like
     * {@link #getGroupInfo(UUID)} without moving ownership: an administrator can ask about any group.
     *
     * @param groupId the group's id, not {@code null}
     * @return the reason, never {@code null}
     * @throws QmgrInvalidArgumentException if {@code groupId} is {@code null}
     * @throws QmgrItemNotFoundException if no such group is queued
     * @throws QmgrAccessDeniedException if another identity owns it and the caller is not an administrator
     * @since 1.2
     */
    GroupWhy why(UUID groupId);

    /**
     * A snapshot of the ids of the groups visible to the caller: its own, or all for an administrator
     * (spec §2.1.3). Equivalent to {@code enumGroups(0)}.
     *
     * @return a new enumerator positioned at the start, never {@code null}
     */
    GroupEnumerator enumGroups();

    /**
     * The raw form of {@link #enumGroups()}.
     *
     * @param flags must be 0
     * @return a new enumerator positioned at the start
     * @throws QmgrNotImplementedException if {@code flags} is not 0
     */
    GroupEnumerator enumGroups(int flags);
}
