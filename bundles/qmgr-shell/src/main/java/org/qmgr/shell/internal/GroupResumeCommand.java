package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qmgr.api.BackgroundCopyGroup;

/** {@code qmgr:group-resume}: makes a group eligible to transfer (spec §2.2.7). */
@Command(scope = "qmgr", name = "group-resume", description = "Resumes a group: it transfers when its turn comes.")
@Service
public class GroupResumeCommand extends GroupCommand {

    @Override
    protected String apply(BackgroundCopyGroup group) {
        group.resume();
        return "resumed";
    }
}
