package org.qmgr.api.dto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A snapshot of a group, its jobs and files. */
public class GroupDTO {
    /** The group's id. */
    public UUID groupId;
    /** The owning identity (a JAAS user name or {@code bundle:<symbolic name>}). */
    public String owner;
    /** {@code GROUPPROP_DISPLAYNAME}. */
    public String displayName;
    /** {@code GROUPPROP_DESCRIPTION}. */
    public String description;
    /**
     * The custom request headers, in the order set; empty when none.
     *
     * @since 1.1
     */
    public Map<String, String> customHeaders = new LinkedHashMap<>();
    /** The group status word (spec §1.3.2). */
    public int status;
    /** The internal state: SUSPENDED, QUEUED, TRANSFERRING, RETRY_WAIT, ERROR or COMPLETE. */
    public String state;
    /** Whether the foreground flag is set. */
    public boolean foreground;
    /** The background priority name (HIGH, NORMAL, LOW). */
    public String backgroundPriority;
    /** Total bytes of all files; 0 while any size is unknown. */
    public long size;
    /** Bytes downloaded so far (committed files plus the current temp file). */
    public long bytesTransferred;
    /** Percent done, 0..100 (100 only when complete). */
    public int percent;
    /** Index of the job now transferring, failed, or last when complete. */
    public int jobIndex;
    /** Win32 result of the error, also of the transient one a RETRY_WAIT group waits out; 0 otherwise. */
    public int win32Result;
    /** HTTP status of the error, also of the transient one a RETRY_WAIT group waits out; 0 otherwise. */
    public int transportResult;
    /** Retries made before the error was declared, 0 outside the error state. */
    public int retries;
    /** What went wrong, in words (no secrets), while in error or waiting to retry; {@code null} otherwise. */
    public String errorDescription;
    /** Creation time, epoch milliseconds. */
    public long createdMillis;
    /** Last modification time, epoch milliseconds. */
    public long modifiedMillis;
    /** The jobs in creation order. */
    public List<JobDTO> jobs = new ArrayList<>();
}
