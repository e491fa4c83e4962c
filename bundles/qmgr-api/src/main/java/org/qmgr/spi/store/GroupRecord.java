package org.qmgr.spi.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored group: identity, owner, properties, lifecycle state and error information. Immutable; derive
 * changed copies with {@link #toBuilder()}.
 *
 * @param groupId            the group's id
 * @param owner              the owning identity
 * @param sequence           creation order
 * @param state              lifecycle state (running groups are stored as they are and resume as QUEUED)
 * @param foreground         the one-way foreground flag
 * @param backgroundPriority HIGH, NORMAL or LOW (spec P3)
 * @param protocol           {@code GROUPPROP_PROTOCOLFLAGS} value
 * @param notifyFlags        {@code GROUPPROP_NOTIFYFLAGS} mask
 * @param notifyClsid        {@code GROUPPROP_NOTIFYCLSID}, or {@code null}
 * @param displayName        {@code GROUPPROP_DISPLAYNAME}, never {@code null}
 * @param description        {@code GROUPPROP_DESCRIPTION}, never {@code null}
 * @param remoteUser         server user name (spec P4), or {@code null}
 * @param remotePassword     server password (spec P4), or {@code null}; never log it
 * @param progressSize       progress threshold in bytes (spec P5), 0 = off
 * @param progressPercent    progress threshold in percent points, 0 = off
 * @param progressTimeMillis progress threshold in milliseconds, 0 = off
 * @param win32Result        Win32 result of the error, 0 outside ERROR
 * @param transportResult    HTTP status of the error, 0 outside ERROR
 * @param retries            automatic retries of the current error episode
 * @param errorJobIndex      index of the failing job, or -1
 * @param errorFileIndex     index of the failing file, or -1
 * @param activeMillis       milliseconds of active transfer so far (spec P7)
 * @param createdMillis      creation time, epoch milliseconds
 * @param modifiedMillis     last client modification, epoch milliseconds (inactivity timeout)
 * @param customHeaders      custom request headers in the order set, never {@code null} (empty when none); names
 *                           are non-empty and free of {@code :}, CR, LF and NUL, values free of CR, LF and NUL, so
 *                           a store may keep them as {@code Name: value} lines; the engine enforces the stricter
 *                           rules of {@code org.qmgr.api.CustomHeaders}. Since 1.1.
 */
public record GroupRecord(UUID groupId, String owner, long sequence, GroupState state, boolean foreground,
                          String backgroundPriority, int protocol, int notifyFlags, UUID notifyClsid,
                          String displayName, String description, String remoteUser, String remotePassword,
                          long progressSize, int progressPercent, long progressTimeMillis,
                          int win32Result, int transportResult, int retries, int errorJobIndex,
                          int errorFileIndex, long activeMillis, long createdMillis, long modifiedMillis,
                          Map<String, String> customHeaders) {

    /**
     * Rejects {@code null} where a value is required, and header names or values a store could not keep as
     * lines; copies the headers, keeping their order.
     *
     * @throws IllegalArgumentException for such a header
     */
    public GroupRecord {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(backgroundPriority, "backgroundPriority");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        customHeaders = copyHeaders(customHeaders);
    }

    /**
     * A record without custom headers: the canonical constructor of version 1.0.
     *
     * @param groupId            the group's id
     * @param owner              the owning identity
     * @param sequence           creation order
     * @param state              lifecycle state
     * @param foreground         the one-way foreground flag
     * @param backgroundPriority HIGH, NORMAL or LOW
     * @param protocol           {@code GROUPPROP_PROTOCOLFLAGS} value
     * @param notifyFlags        {@code GROUPPROP_NOTIFYFLAGS} mask
     * @param notifyClsid        {@code GROUPPROP_NOTIFYCLSID}, or {@code null}
     * @param displayName        {@code GROUPPROP_DISPLAYNAME}
     * @param description        {@code GROUPPROP_DESCRIPTION}
     * @param remoteUser         server user name, or {@code null}
     * @param remotePassword     server password, or {@code null}
     * @param progressSize       progress threshold in bytes
     * @param progressPercent    progress threshold in percent points
     * @param progressTimeMillis progress threshold in milliseconds
     * @param win32Result        Win32 result of the error
     * @param transportResult    HTTP status of the error
     * @param retries            automatic retries of the current error episode
     * @param errorJobIndex      index of the failing job, or -1
     * @param errorFileIndex     index of the failing file, or -1
     * @param activeMillis       milliseconds of active transfer so far
     * @param createdMillis      creation time, epoch milliseconds
     * @param modifiedMillis     last client modification, epoch milliseconds
     */
    public GroupRecord(UUID groupId, String owner, long sequence, GroupState state, boolean foreground,
                       String backgroundPriority, int protocol, int notifyFlags, UUID notifyClsid,
                       String displayName, String description, String remoteUser, String remotePassword,
                       long progressSize, int progressPercent, long progressTimeMillis,
                       int win32Result, int transportResult, int retries, int errorJobIndex,
                       int errorFileIndex, long activeMillis, long createdMillis, long modifiedMillis) {
        this(groupId, owner, sequence, state, foreground, backgroundPriority, protocol, notifyFlags, notifyClsid,
                displayName, description, remoteUser, remotePassword, progressSize, progressPercent,
                progressTimeMillis, win32Result, transportResult, retries, errorJobIndex, errorFileIndex,
                activeMillis, createdMillis, modifiedMillis, Map.of());
    }

    /**
     * A new group with the spec's defaults (§3): suspended, background, NORMAL, HTTP, no flags.
     *
     * @param groupId the id
     * @param owner   the owner
     * @param sequence creation order
     * @param nowMillis creation time
     * @return the record
     */
    public static GroupRecord create(UUID groupId, String owner, long sequence, long nowMillis) {
        return new GroupRecord(groupId, owner, sequence, GroupState.SUSPENDED, false, "NORMAL", 1, 0, null,
                "", "", null, null, 0, 0, 0, 0, 0, 0, -1, -1, 0, nowMillis, nowMillis);
    }

    /** @return a builder initialised with this record's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Never shows the password, nor header values (they often carry tokens): header names only. */
    @Override
    public String toString() {
        return "GroupRecord[" + groupId + ", owner=" + owner + ", state=" + state + ", foreground=" + foreground
                + ", name=" + displayName + ", remoteUser=" + remoteUser
                + ", remotePassword=" + (remotePassword == null ? "null" : "***")
                + ", customHeaders=" + customHeaders.keySet() + "]";
    }

    private static Map<String, String> copyHeaders(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name == null || name.isEmpty() || hasAny(name, ":\r\n\0")) {
                throw new IllegalArgumentException("custom header name " + name + " is empty or has ':', CR, LF or NUL");
            }
            if (value == null || hasAny(value, "\r\n\0")) {
                throw new IllegalArgumentException("custom header " + name + " has a null value or CR, LF or NUL in it");
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static boolean hasAny(String text, String characters) {
        return text.chars().anyMatch(c -> characters.indexOf(c) >= 0);
    }

    /** Builds changed copies of a {@link GroupRecord}. */
    public static final class Builder {
        private final UUID groupId;
        private final long sequence;
        private final long createdMillis;
        private String owner;
        private GroupState state;
        private boolean foreground;
        private String backgroundPriority;
        private int protocol;
        private int notifyFlags;
        private UUID notifyClsid;
        private String displayName;
        private String description;
        private String remoteUser;
        private String remotePassword;
        private long progressSize;
        private int progressPercent;
        private long progressTimeMillis;
        private int win32Result;
        private int transportResult;
        private int retries;
        private int errorJobIndex;
        private int errorFileIndex;
        private long activeMillis;
        private long modifiedMillis;
        private Map<String, String> customHeaders;

        private Builder(GroupRecord r) {
            groupId = r.groupId;
            sequence = r.sequence;
            createdMillis = r.createdMillis;
            owner = r.owner;
            state = r.state;
            foreground = r.foreground;
            backgroundPriority = r.backgroundPriority;
            protocol = r.protocol;
            notifyFlags = r.notifyFlags;
            notifyClsid = r.notifyClsid;
            displayName = r.displayName;
            description = r.description;
            remoteUser = r.remoteUser;
            remotePassword = r.remotePassword;
            progressSize = r.progressSize;
            progressPercent = r.progressPercent;
            progressTimeMillis = r.progressTimeMillis;
            win32Result = r.win32Result;
            transportResult = r.transportResult;
            retries = r.retries;
            errorJobIndex = r.errorJobIndex;
            errorFileIndex = r.errorFileIndex;
            activeMillis = r.activeMillis;
            modifiedMillis = r.modifiedMillis;
            customHeaders = r.customHeaders;
        }

        /** @param v owner @return this */
        public Builder owner(String v) { owner = v; return this; }
        /** @param v state @return this */
        public Builder state(GroupState v) { state = v; return this; }
        /** @param v foreground flag @return this */
        public Builder foreground(boolean v) { foreground = v; return this; }
        /** @param v background priority name @return this */
        public Builder backgroundPriority(String v) { backgroundPriority = v; return this; }
        /** @param v protocol value @return this */
        public Builder protocol(int v) { protocol = v; return this; }
        /** @param v notify mask @return this */
        public Builder notifyFlags(int v) { notifyFlags = v; return this; }
        /** @param v class id or null @return this */
        public Builder notifyClsid(UUID v) { notifyClsid = v; return this; }
        /** @param v display name @return this */
        public Builder displayName(String v) { displayName = v; return this; }
        /** @param v description @return this */
        public Builder description(String v) { description = v; return this; }
        /** @param v user or null @return this */
        public Builder remoteUser(String v) { remoteUser = v; return this; }
        /** @param v password or null @return this */
        public Builder remotePassword(String v) { remotePassword = v; return this; }
        /** @param v bytes threshold @return this */
        public Builder progressSize(long v) { progressSize = v; return this; }
        /** @param v percent threshold @return this */
        public Builder progressPercent(int v) { progressPercent = v; return this; }
        /** @param v time threshold @return this */
        public Builder progressTimeMillis(long v) { progressTimeMillis = v; return this; }
        /** @param v Win32 result @return this */
        public Builder win32Result(int v) { win32Result = v; return this; }
        /** @param v transport result @return this */
        public Builder transportResult(int v) { transportResult = v; return this; }
        /** @param v retry count @return this */
        public Builder retries(int v) { retries = v; return this; }
        /** @param v failing job index @return this */
        public Builder errorJobIndex(int v) { errorJobIndex = v; return this; }
        /** @param v failing file index @return this */
        public Builder errorFileIndex(int v) { errorFileIndex = v; return this; }
        /** @param v active transfer time @return this */
        public Builder activeMillis(long v) { activeMillis = v; return this; }
        /** @param v modification time @return this */
        public Builder modifiedMillis(long v) { modifiedMillis = v; return this; }
        /** @param v custom request headers, {@code null} for none @return this @since 1.1 */
        public Builder customHeaders(Map<String, String> v) { customHeaders = v; return this; }

        /** Clears the error information (Win32, transport, retries, failing indices). @return this */
        public Builder clearError() {
            win32Result = 0;
            transportResult = 0;
            retries = 0;
            errorJobIndex = -1;
            errorFileIndex = -1;
            return this;
        }

        /** @return the new record */
        public GroupRecord build() {
            return new GroupRecord(groupId, owner, sequence, state, foreground, backgroundPriority, protocol,
                    notifyFlags, notifyClsid, displayName, description, remoteUser, remotePassword, progressSize,
                    progressPercent, progressTimeMillis, win32Result, transportResult, retries, errorJobIndex,
                    errorFileIndex, activeMillis, createdMillis, modifiedMillis, customHeaders);
        }
    }
}
