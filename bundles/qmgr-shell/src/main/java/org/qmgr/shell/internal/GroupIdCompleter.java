package org.qmgr.shell.internal;

import java.util.List;
import java.util.UUID;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.qmgr.api.BackgroundCopyQMgr;

/** Completes the ids of the groups the session's user may see. */
@Service
public class GroupIdCompleter implements Completer {

    @Reference
    BackgroundCopyQMgr qmgr;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        qmgr.enumGroups().stream().map(UUID::toString).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
