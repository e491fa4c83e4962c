package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code qmgr:why}: why a group is or is not transferring, as {@code CODE: sentence}. Asked through
 * {@code BackgroundCopyQMgr.why(UUID)}, which never moves ownership: an administrator may ask about any group.
 */
@Command(scope = "qmgr", name = "why", description = "Tells why a group is not transferring: a code and a sentence.")
@Service
public class WhyCommand extends QmgrCommand {

    @Argument(index = 0, name = "group", required = true, description = "Group id, with or without braces")
    @Completion(GroupIdCompleter.class)
    String group;

    @Override
    protected void run() {
        System.out.println(qmgr.why(Args.id(group)).line());
    }
}
