package org.qmgr.engine.internal;

import java.util.UUID;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupEnumerator;
import org.qmgr.api.GroupWhy;
import org.qmgr.api.QmgrNotImplementedException;
import org.qmgr.api.dto.GroupDTO;

/** {@link BackgroundCopyQMgr} for one client: every call runs as that client's {@link CallerContext}. */
final class QMgrFacade implements BackgroundCopyQMgr {

    private final QueueEngine engine;
    private final CallerContext context;

    QMgrFacade(QueueEngine engine, CallerContext context) {
        this.engine = engine;
        this.context = context;
    }

    @Override
    public BackgroundCopyGroup createGroup(UUID groupId) {
        Caller caller = context.caller().get();
        engine.commands().createGroup(caller, groupId);
        return new GroupHandle(engine, groupId, context, caller);
    }

    @Override
    public BackgroundCopyGroup getGroup(UUID groupId) {
        Caller caller = context.caller().get();
        engine.commands().openGroup(caller, groupId);
        return new GroupHandle(engine, groupId, context, caller);
    }

    @Override
    public GroupDTO getGroupInfo(UUID groupId) {
        Caller caller = context.caller().get();
        Commands commands = engine.commands();
        synchronized (engine.lock()) {
            commands.visible(caller, groupId);
            return engine.queries().info(groupId);
        }
    }

    @Override
    public GroupWhy why(UUID groupId) {
        Caller caller = context.caller().get();
        synchronized (engine.lock()) {
            engine.commands().visible(caller, groupId);
            return engine.waitReasons().why(groupId);
        }
    }

    @Override
    public GroupEnumerator enumGroups() {
        return new SnapshotEnumerator.Groups(engine.commands().visibleGroups(context.caller().get()), 0);
    }

    @Override
    public GroupEnumerator enumGroups(int flags) {
        if (flags != 0) {
            throw new QmgrNotImplementedException("enumGroups flags must be 0, not " + flags);
        }
        return enumGroups();
    }
}
