package org.qmgr.engine.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.BgJobState;
import org.qmgr.api.BitsJobView;
import org.qmgr.api.GroupProp;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.GroupWhy;
import org.qmgr.api.JobEnumerator;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.ProgressType;
import org.qmgr.api.Protocol;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.QmgrNotImplementedException;
import org.qmgr.api.Variant;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.api.dto.GroupDTO;

/** A client's handle to a group: a thin view delegating to the engine's commands and queries. */
final class GroupHandle implements BackgroundCopyGroup {

    private final QueueEngine engine;
    private final UUID groupId;
    private final CallerContext context;
    /** Who opened the handle; {@code null} for the engine's own handles (listener callbacks), never checked. */
    private final Caller holder;

    GroupHandle(QueueEngine engine, UUID groupId, CallerContext context, Caller holder) {
        this.engine = engine;
        this.groupId = groupId;
        this.context = context;
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
    public UUID getGroupId() {
        return groupId;
    }

    @Override
    public Variant getProp(GroupProp id) {
        return engine().queries().getProp(groupId, id);
    }

    @Override
    public Variant getProp(int rawId) {
        return getProp(knownProp(rawId));
    }

    @Override
    public void setProp(GroupProp id, Variant value) {
        engine().commands().setProp(groupId, id, value, context.callbackResolvable());
    }

    @Override
    public void setProp(int rawId, Variant value) {
        setProp(knownProp(rawId), value);
    }

    /** An unknown id is E_NOTIMPL, but a cancelled group answers QM_E_INVALID_STATE first (spec §1.7, C35). */
    private GroupProp knownProp(int rawId) {
        return GroupProp.find(rawId).orElseGet(() -> {
            engine().queries().record(groupId);
            return GroupProp.fromValue(rawId);
        });
    }

    @Override
    public int getPriority() {
        return getProp(GroupProp.PRIORITY).intValue();
    }

    @Override
    public void setPriority(int priority) {
        setProp(GroupProp.PRIORITY, Variant.i4(priority));
    }

    @Override
    public Protocol getProtocol() {
        return Protocol.fromValue(getProp(GroupProp.PROTOCOLFLAGS).intValue());
    }

    @Override
    public void setProtocol(Protocol protocol) {
        if (protocol == null) {
            throw new QmgrInvalidArgumentException("protocol must not be null");
        }
        setProp(GroupProp.PROTOCOLFLAGS, Variant.i4(protocol.value()));
    }

    @Override
    public Set<NotifyFlag> getNotifyFlags() {
        return NotifyFlag.fromMask(getNotifyFlagsMask());
    }

    @Override
    public int getNotifyFlagsMask() {
        return getProp(GroupProp.NOTIFYFLAGS).intValue();
    }

    @Override
    public void setNotifyFlags(Set<NotifyFlag> flags) {
        if (flags == null) {
            throw new QmgrInvalidArgumentException("notify flags must not be null");
        }
        setNotifyFlagsMask(NotifyFlag.toMask(flags.isEmpty() ? EnumSet.noneOf(NotifyFlag.class) : flags));
    }

    @Override
    public void setNotifyFlagsMask(int mask) {
        setProp(GroupProp.NOTIFYFLAGS, Variant.i4(mask));
    }

    @Override
    public Optional<UUID> getNotifyClsid() {
        return Optional.ofNullable(engine().queries().record(groupId).notifyClsid());
    }

    @Override
    public void setNotifyClsid(UUID clsid) {
        setProp(GroupProp.NOTIFYCLSID, Variant.bstr(clsid == null ? "" : org.qmgr.api.Guids.format(clsid)));
    }

    @Override
    public String getDisplayName() {
        return getProp(GroupProp.DISPLAYNAME).stringValue();
    }

    @Override
    public void setDisplayName(String name) {
        requireText(name, "display name");
        setProp(GroupProp.DISPLAYNAME, Variant.bstr(name));
    }

    @Override
    public String getDescription() {
        return getProp(GroupProp.DESCRIPTION).stringValue();
    }

    @Override
    public void setDescription(String description) {
        requireText(description, "description");
        setProp(GroupProp.DESCRIPTION, Variant.bstr(description));
    }

    @Override
    public void setRemoteCredentials(String user, String password) {
        engine().commands().setCredentials(groupId, user, password);
    }

    @Override
    public Map<String, String> getCustomHeaders() {
        return engine().queries().record(groupId).customHeaders();
    }

    @Override
    public void setCustomHeaders(Map<String, String> headers) {
        engine().commands().setCustomHeaders(groupId, headers);
    }

    @Override
    public BackgroundPriority getBackgroundPriority() {
        return BackgroundPriority.valueOf(engine().queries().record(groupId).backgroundPriority());
    }

    @Override
    public void setBackgroundPriority(BackgroundPriority priority) {
        engine().commands().setBackgroundPriority(groupId, priority);
    }

    @Override
    public long getProgress(ProgressType type) {
        return engine().queries().groupProgress(groupId, type);
    }

    @Override
    public int getProgressRaw(int flags) {
        return StatusWords.saturate(getProgress(ProgressType.fromValue(flags)));
    }

    @Override
    public GroupStatus getStatus() {
        return engine().queries().status(groupId);
    }

    @Override
    public GroupDTO getInfo() {
        return engine().queries().info(groupId);
    }

    @Override
    public GroupWhy why() {
        return engine().waitReasons().why(groupId);
    }

    @Override
    public long getSize() {
        return engine().queries().size(groupId);
    }

    @Override
    public int getSizeRaw() {
        return StatusWords.saturate(getSize());
    }

    @Override
    public void suspend() {
        engine().commands().suspend(groupId);
    }

    @Override
    public void resume() {
        engine().commands().resume(groupId);
    }

    @Override
    public void cancel() {
        engine().commands().cancel(groupId);
    }

    @Override
    public void switchToForeground() {
        engine().commands().switchToForeground(groupId);
    }

    @Override
    public BackgroundCopyJob createJob(UUID jobId) {
        engine().commands().createJob(groupId, jobId);
        return new JobHandle(engine, groupId, jobId, holder);
    }

    @Override
    public BackgroundCopyJob getJob(UUID jobId) {
        engine().queries().requireJob(groupId, jobId);
        return new JobHandle(engine, groupId, jobId, holder);
    }

    @Override
    public JobEnumerator enumJobs() {
        return new SnapshotEnumerator.Jobs(engine().queries().jobIds(groupId), 0);
    }

    @Override
    public JobEnumerator enumJobs(int flags) {
        if (flags != 0) {
            engine().queries().record(groupId);
            throw new QmgrNotImplementedException("enumJobs flags must be 0, not " + flags);
        }
        return enumJobs();
    }

    @Override
    public <T> Optional<T> queryNewJobInterface(Class<T> type) {
        if (type == null) {
            throw new QmgrInvalidArgumentException("type must not be null");
        }
        engine().queries().record(groupId);
        if (type == BitsJobView.class) {
            return Optional.of(type.cast(new BitsView()));
        }
        return Optional.empty();
    }

    @Override
    public void setNotificationCallback(BackgroundCopyCallback callback) {
        engine().commands().setCallback(groupId, callback);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupHandle h && h.groupId.equals(groupId);
    }

    @Override
    public int hashCode() {
        return groupId.hashCode();
    }

    @Override
    public String toString() {
        return "BackgroundCopyGroup[" + groupId + "]";
    }

    private static void requireText(String value, String what) {
        if (value == null) {
            throw new QmgrInvalidArgumentException(what + " must not be null");
        }
    }

    /** The BITS-style view of this group (spec §4.9 mapping). */
    private final class BitsView implements BitsJobView {
        @Override
        public BgJobState getState() {
            return switch (engine().queries().record(groupId).state()) {
                case SUSPENDED -> BgJobState.SUSPENDED;
                case QUEUED -> BgJobState.QUEUED;
                case TRANSFERRING -> BgJobState.TRANSFERRING;
                case RETRY_WAIT -> BgJobState.TRANSIENT_ERROR;
                case ERROR -> BgJobState.ERROR;
                case COMPLETE -> BgJobState.ACKNOWLEDGED;
            };
        }

        @Override
        public void resume() {
            GroupHandle.this.resume();
        }

        @Override
        public void suspend() {
            GroupHandle.this.suspend();
        }

        @Override
        public void cancel() {
            GroupHandle.this.cancel();
        }
    }
}
