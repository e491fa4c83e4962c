package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qmgr.api.BackgroundCopyGroup;

/** {@code qmgr:group-suspend}: pauses a group, keeping the data transferred so far (spec §2.2.6). */
@Command(scope = "qmgr", name = "group-suspend", description = "Suspends a group; partial data is kept.")
@Service
public class GroupSuspendCommand extends GroupCommand {

    @Override
    protected String apply(BackgroundCopyGroup group) {
        group.suspend();
        return "suspended";
    }
}
