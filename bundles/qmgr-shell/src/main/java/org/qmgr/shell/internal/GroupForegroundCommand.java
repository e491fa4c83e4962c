package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qmgr.api.BackgroundCopyGroup;

/** {@code qmgr:group-foreground}: sets the one-way foreground flag (spec §2.2.13). */
@Command(scope = "qmgr", name = "group-foreground", description = "Switches a group to the foreground: it transfers at full speed.")
@Service
public class GroupForegroundCommand extends GroupCommand {

    @Override
    protected String apply(BackgroundCopyGroup group) {
        group.switchToForeground();
        return "switched to the foreground";
    }
}
