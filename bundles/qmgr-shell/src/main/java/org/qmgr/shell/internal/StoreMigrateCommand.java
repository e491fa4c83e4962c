package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.qmgr.api.QmgrException;
import org.qmgr.api.admin.MigrationResult;
import org.qmgr.api.admin.QueueStoreAdmin;

/**
 * {@code qmgr:store-migrate <target>}: copies the whole queue into another (empty) store and switches the
 * engine to it. A refusal is a one-line error ({@link CommandException}: no stack trace on the console, and
 * a non-zero exit for {@code bin/qmgr} and batch clients).
 */
@Command(scope = "qmgr", name = "store-migrate",
        description = "Copies the whole queue into another, empty queue store and switches the engine to it (administrators only).")
@Service
public class StoreMigrateCommand implements Action {

    @Reference
    QueueStoreAdmin admin;

    @Argument(index = 0, name = "target", required = true,
            description = "Name of the store to move to (see qmgr:stores), or an LDAP filter matching one store")
    @Completion(StoreNameCompleter.class)
    String target;

    @Override
    public Object execute() throws CommandException {
        MigrationResult r;
        try {
            r = admin.migrateTo(target);
        } catch (QmgrException e) {
            throw new CommandException(e.getMessage(), e);
        }
        System.out.printf("queue moved from %s to %s: %d groups, %d jobs, %d files in %d ms%n", r.from(), r.to(),
                r.groups(), r.jobs(), r.files(), r.duration().toMillis());
        System.out.println("engine store.target is now " + r.storeTarget());
        return null;
    }
}
