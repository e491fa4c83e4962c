package org.qmgr.engine.internal;

import java.util.List;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.admin.MigrationResult;
import org.qmgr.api.admin.QueueStoreAdmin;
import org.qmgr.api.admin.StoreInfo;

/**
 * The {@link QueueStoreAdmin} service, one instance per client bundle: resolves the caller like
 * {@link QMgrServiceComponent} does and lets only administrators migrate; the work is the
 * {@link StoreSwitchboard}'s.
 */
@Component(service = QueueStoreAdmin.class, scope = ServiceScope.BUNDLE)
public class QueueStoreAdminComponent implements QueueStoreAdmin {

    private final StoreSwitchboard switchboard;
    private final IdentityResolver identity;

    /**
     * @param switchboard the shared store switchboard
     * @param context     gives the bundle this instance serves
     */
    @Activate
    public QueueStoreAdminComponent(@Reference StoreSwitchboard switchboard, ComponentContext context) {
        this.switchboard = switchboard;
        this.identity = new IdentityResolver(context.getUsingBundle(), switchboard::administrators);
    }

    @Override
    public StoreInfo activeStore() {
        return switchboard.active();
    }

    @Override
    public List<StoreInfo> stores() {
        return switchboard.stores();
    }

    @Override
    public MigrationResult migrateTo(String target) {
        Caller caller = identity.current();
        if (!caller.admin()) {
            throw new QmgrAccessDeniedException(caller.identity()
                    + " is not an administrator; only administrators may migrate the queue");
        }
        return switchboard.migrate(target, caller.identity());
    }
}
