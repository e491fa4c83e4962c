package org.qmgr.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.qmgr.api.admin.QueueStoreAdmin;
import org.qmgr.api.admin.StoreInfo;

/** Completes the names of the queue stores the engine does not use (the possible migration targets). */
@Service
public class StoreNameCompleter implements Completer {

    @Reference
    QueueStoreAdmin admin;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        admin.stores().stream().filter(s -> !s.active()).map(StoreInfo::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
