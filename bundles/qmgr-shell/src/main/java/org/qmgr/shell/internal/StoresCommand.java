package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.qmgr.api.admin.QueueStoreAdmin;
import org.qmgr.api.admin.StoreInfo;

/** {@code qmgr:stores}: the registered queue stores, the active one marked, with what each holds. */
@Command(scope = "qmgr", name = "stores", description = "Lists the queue stores; * marks the one the engine uses.")
@Service
public class StoresCommand implements Action {

    @Reference
    QueueStoreAdmin admin;

    @Option(name = "--no-format", description = "Plain output for scripts (no borders)")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Active");
        table.column("Name");
        table.column("Service").alignRight();
        table.column("Groups").alignRight();
        table.column("Jobs").alignRight();
        table.column("Files").alignRight();
        for (StoreInfo s : admin.stores()) {
            table.addRow().addContent(s.active() ? "*" : "", s.name(), s.serviceId(), count(s, s.groups()),
                    count(s, s.jobs()), count(s, s.files()));
        }
        table.print(System.out, !noFormat);
        return null;
    }

    private static Object count(StoreInfo s, long n) {
        return s.readable() ? n : "unreadable";
    }
}
