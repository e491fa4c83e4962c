package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qmgr.api.BackgroundCopyGroup;

/** {@code qmgr:group-cancel}: removes a group for good (spec §2.2.8). */
@Command(scope = "qmgr", name = "group-cancel", description = "Cancels a group: stops it, deletes unfinished files, removes it from the queue.")
@Service
public class GroupCancelCommand extends GroupCommand {

    @Override
    protected String apply(BackgroundCopyGroup group) {
        group.cancel();
        return "cancelled";
    }
}
