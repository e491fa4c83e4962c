package org.qmgr.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.api.dto.GroupDTO;

/**
 * A handle to a queued group: the unit of scheduling, state and notification (QMGR
 * {@code IBackgroundCopyGroup}, spec §2.2). A group holds jobs; jobs hold files.
 * <p>
 * A handle is a view: several handles to one group see the same state, and {@code equals}/{@code hashCode}
 * go by {@link #getGroupId() group id}. All methods are thread-safe; state changes are atomic and stored
 * before the method returns; no method waits for network I/O ({@link #suspend()} and {@link #cancel()}
 * wait briefly for the transfer to stop). Once the group is cancelled, every method except
 * {@link #getGroupId()} fails with {@link QmgrInvalidStateException} (reason {@code CANCELLED}).
 * <p>
 * Error precedence (spec §1.7): argument errors first, then the cancelled state, then the rule of the
 * operation.
 */
@ProviderType
public interface BackgroundCopyGroup {

    /** @return the group's id; works on a cancelled handle too */
    UUID getGroupId();

    // ---- properties (spec §2.2.1, §2.2.2, §3) ------------------------------------------------------

    /**
     * Reads a property (spec §2.2.1): integers come back as {@link VarType#I4}, strings as
     * {@link VarType#BSTR}. The password ({@link GroupProp#REMOTEUSERPWD}) always reads as {@code ""}.
     *
     * @param id the property, not {@code null}
     * @return the value, never {@code null}
     * @throws QmgrNotImplementedException for the unsupported {@code LOCALUSERID}/{@code LOCALUSERPWD}
     */
    Variant getProp(GroupProp id);

    /**
     * Raw form of {@link #getProp(GroupProp)}.
     *
     * @param rawId a {@code GROUPPROP_*} value
     * @return the value
     * @throws QmgrNotImplementedException for an id outside 0..12 or an unsupported property
     */
    Variant getProp(int rawId);

    /**
     * Writes a property (spec §2.2.2, §3, as amended by P3–P6). Allowed in every non-cancelled state;
     * a failed call leaves the old value in place.
     *
     * @param id    the property, not {@code null}
     * @param value the value, not {@code null}; its {@link VarType} must suit the property
     * @throws QmgrInvalidArgumentException for a wrong type or a value outside the allowed set
     * @throws QmgrNotImplementedException for an unsupported property or protocol
     * @throws QmgrClassNotRegisteredException when a {@code NOTIFYCLSID} names no reachable callback provider
     */
    void setProp(GroupProp id, Variant value);

    /**
     * Raw form of {@link #setProp(GroupProp, Variant)}.
     *
     * @param rawId a {@code GROUPPROP_*} value
     * @param value the value
     * @throws QmgrNotImplementedException for an id outside 0..12
     */
    void setProp(int rawId, Variant value);

    /** @return {@code GROUPPROP_PRIORITY}, always 1 */
    int getPriority();

    /**
     * @param priority must be 1 (QMGR has one priority; see {@link #setBackgroundPriority})
     * @throws QmgrInvalidArgumentException for any other value
     */
    void setPriority(int priority);

    /** @return the protocol family the group's files may use ({@code GROUPPROP_PROTOCOLFLAGS}) */
    Protocol getProtocol();

    /**
     * @param protocol the protocol family, not {@code null} (spec P8)
     * @throws QmgrNotImplementedException when no transport serves that family
     */
    void setProtocol(Protocol protocol);

    /** @return the notify flags ({@code GROUPPROP_NOTIFYFLAGS}) as a new set */
    Set<NotifyFlag> getNotifyFlags();

    /** @return the notify flags as the raw mask */
    int getNotifyFlagsMask();

    /** @param flags the flags to set, not {@code null} (may be empty) */
    void setNotifyFlags(Set<NotifyFlag> flags);

    /**
     * @param mask an OR of {@code QM_NOTIFY_*} values
     * @throws QmgrInvalidArgumentException for bits outside {@link NotifyFlag#VALID_MASK}
     */
    void setNotifyFlagsMask(int mask);

    /** @return the callback class id ({@code GROUPPROP_NOTIFYCLSID}), empty when none */
    Optional<UUID> getNotifyClsid();

    /**
     * Binds callbacks by class id: a {@link BackgroundCopyCallback} service carrying
     * {@link BackgroundCopyCallback#CLSID_PROPERTY} = this id (spec §5.6).
     *
     * @param clsid the class id, or {@code null} to clear
     * @throws QmgrClassNotRegisteredException when no such provider is visible to the caller
     */
    void setNotifyClsid(UUID clsid);

    /** @return the display name, {@code ""} when unset */
    String getDisplayName();

    /**
     * @param name at most 256 UTF-16 units, not {@code null}
     * @throws QmgrInvalidArgumentException when too long or {@code null}
     */
    void setDisplayName(String name);

    /** @return the description, {@code ""} when unset */
    String getDescription();

    /**
     * @param description at most 1,024 UTF-16 units, not {@code null}
     * @throws QmgrInvalidArgumentException when too long or {@code null}
     */
    void setDescription(String description);

    /**
     * Sets the server credentials answered to an authentication challenge (spec P4). The password is
     * write-only: it never appears in reads, logs, events or exceptions.
     *
     * @param user     the user name, or {@code null} to clear the credentials
     * @param password the password, or {@code null} for none
     */
    void setRemoteCredentials(String user, String password);

    /**
     * The group's custom request headers (an extension, like BITS'
     * {@code IBackgroundCopyJobHttpOptions::GetCustomHeaders}). They read back in clear to whoever may see the
     * group (its owner and administrators).
     *
     * @return the headers in the order they were set, unmodifiable; empty when none
     * @since 1.1
     */
    Map<String, String> getCustomHeaders();

    /**
     * Replaces the group's custom request headers (an extension modelled on BITS'
     * {@code IBackgroundCopyJobHttpOptions::SetCustomHeaders}): every request for the group's files carries
     * them: the size probe, each GET, each ranged GET that resumes a file, and every redirect hop of those,
     * including hops to other hosts. They apply to requests started after this call: a running transfer picks
     * them up at its next request (next file, retry, resume). A transport without headers ({@code file:})
     * ignores them. They are stored with the group and survive a restart.
     * <p>
     * The rules (names RFC 7230 tokens unique ignoring case, printable ASCII values, no header the transport
     * owns such as {@code Range} or {@code Authorization}, at most {@value CustomHeaders#MAX_HEADERS} headers
     * and {@value CustomHeaders#MAX_BYTES} bytes) are those of {@link CustomHeaders}. A refused call leaves the
     * previous headers in place. Allowed in every non-cancelled state.
     *
     * @param headers the headers in the order to send them, not {@code null}; an empty map removes them all
     * @throws QmgrInvalidHeaderException naming the first header that breaks a rule, and the rule
     * @throws QmgrInvalidArgumentException when {@code headers} is {@code null}
     * @since 1.1
     */
    void setCustomHeaders(Map<String, String> headers);

    /** @return the background priority (spec P3), {@link BackgroundPriority#NORMAL} by default */
    BackgroundPriority getBackgroundPriority();

    /**
     * Orders background groups: higher preempts lower, equal ones share round-robin (spec P3).
     *
     * @param priority the priority, not {@code null}
     */
    void setBackgroundPriority(BackgroundPriority priority);

    // ---- state and progress ------------------------------------------------------------------------

    /**
     * Progress of the whole group (spec §2.2.3, P7).
     *
     * @param type what to measure, not {@code null}
     * @return percent (0..100; 100 only when complete), bytes done (exact), or seconds of active transfer
     */
    long getProgress(ProgressType type);

    /**
     * Raw form of {@link #getProgress(ProgressType)}: 32-bit, saturating at {@code 0xFFFFFFFF}.
     *
     * @param flags a {@code QM_PROGRESS_*} value
     * @return the value as an unsigned 32-bit int
     * @throws QmgrInvalidArgumentException for an unknown value
     */
    int getProgressRaw(int flags);

    /**
     * The group status word of spec §1.3.2 and the index of the job now transferring, failed, or last when
     * complete (spec P1).
     *
     * @return the status, never {@code null}
     */
    GroupStatus getStatus();

    /**
     * A snapshot of the group, its jobs and files, for display and monitoring (an extension).
     *
     * @return a new snapshot, never {@code null}
     */
    GroupDTO getInfo();

    /**
     * Why the group is or is not transferring now (an extension): suspended, waiting to retry until a time after
     * an error, queued behind foreground or higher-priority work or for a free slot, held by a throughput cap,
     * missing a transport, complete. Answered from the scheduler's own state, never guessed.
     *
     * @return the reason, never {@code null}
     * @since 1.2
     */
    GroupWhy why();

    /** @return total bytes of all files, exact; 0 while any file's size is unknown (spec §2.2.9) */
    long getSize();

    /** @return {@link #getSize()} saturated to an unsigned 32-bit int */
    int getSizeRaw();

    // ---- verbs ---------------------------------------------------------------------------------------

    /**
     * Pauses the group: an in-flight request is aborted before this returns, partial data is kept
     * (spec §2.2.6). A no-op when already suspended, in error or complete.
     */
    void suspend();

    /**
     * Makes the group eligible to transfer (spec §2.2.7).
     *
     * @throws QmgrInvalidStateException when there is nothing to transfer (reason {@code EMPTY} or
     *         {@code COMPLETE})
     * @throws QmgrDownloaderUnavailableException when no transport can serve the group
     */
    void resume();

    /**
     * Removes the group for good (spec §2.2.8): aborts the transfer, deletes unfinished temp files, keeps
     * committed files, sends no notification.
     *
     * @throws QmgrInvalidStateException when already cancelled
     */
    void cancel();

    /** Sets the one-way foreground flag (spec §2.2.13); idempotent. */
    void switchToForeground();

    // ---- jobs ----------------------------------------------------------------------------------------

    /**
     * Creates a job with no files (spec §2.2.11 as amended by P1: a group may hold several jobs).
     *
     * @param jobId the job's id, unique in the queue, not {@code GUID_NULL}
     * @return a handle to the job
     * @throws QmgrInvalidStateException when the group is running or cancelled
     * @throws QmgrInvalidArgumentException for {@code null}, {@code GUID_NULL}, or an id already used
     * @throws QmgrLimitExceededException when {@code maxJobsPerGroup} is reached
     */
    BackgroundCopyJob createJob(UUID jobId);

    /**
     * @param jobId the job's id, not {@code null}
     * @return a handle to the group's job with that id
     * @throws QmgrItemNotFoundException when this group has no such job
     */
    BackgroundCopyJob getJob(UUID jobId);

    /** @return a snapshot of the group's job ids in creation order */
    JobEnumerator enumJobs();

    /**
     * @param flags must be 0
     * @return a snapshot of the group's job ids
     * @throws QmgrNotImplementedException if {@code flags} is not 0
     */
    JobEnumerator enumJobs(int flags);

    // ---- internal-use methods of the original ------------------------------------------------------

    /**
     * Another view of the group ({@code QueryNewJobInterface}, spec §2.2.14), e.g. {@link BitsJobView}.
     *
     * @param <T>  the view type
     * @param type the view type, not {@code null}
     * @return the view, or empty ({@code E_NOINTERFACE}) when not supported
     */
    <T> Optional<T> queryNewJobInterface(Class<T> type);

    /**
     * Binds a callback object directly ({@code SetNotificationPointer}, spec §2.2.15, §5.6). It is not
     * persisted and takes precedence over a provider bound by class id.
     *
     * @param callback the callback, or {@code null} to unbind
     */
    void setNotificationCallback(BackgroundCopyCallback callback);
}
