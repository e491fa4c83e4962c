package org.qmgr.engine.internal;

import java.util.UUID;

import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupEnumerator;
import org.qmgr.api.GroupWhy;
import org.qmgr.api.dto.GroupDTO;

/**
 * The {@link BackgroundCopyQMgr} service, one instance per client bundle (spec §6.1): it knows the bundle
 * it was handed to and resolves the caller (JAAS subject first) on every call.
 */
@Component(service = BackgroundCopyQMgr.class, scope = ServiceScope.BUNDLE)
public class QMgrServiceComponent implements BackgroundCopyQMgr {

    private final QMgrFacade facade;

    /**
     * @param engine  the shared queue engine
     * @param context gives the bundle this instance serves
     */
    @Activate
    public QMgrServiceComponent(@Reference QueueEngine engine, ComponentContext context) {
        Bundle client = context.getUsingBundle();
        IdentityResolver identity = new IdentityResolver(client, engine::administrators);
        this.facade = new QMgrFacade(engine, new CallerContext(identity::current, identity::callbackVisible));
    }

    @Override
    public BackgroundCopyGroup createGroup(UUID groupId) {
        return facade.createGroup(groupId);
    }

    @Override
    public BackgroundCopyGroup getGroup(UUID groupId) {
        return facade.getGroup(groupId);
    }

    @Override
    public GroupDTO getGroupInfo(UUID groupId) {
        return facade.getGroupInfo(groupId);
    }

    @Override
    public GroupWhy why(UUID groupId) {
        return facade.why(groupId);
    }

    @Override
    public GroupEnumerator enumGroups() {
        return facade.enumGroups();
    }

    @Override
    public GroupEnumerator enumGroups(int flags) {
        return facade.enumGroups(flags);
    }
}
