package org.qmgr.shell.internal;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.qmgr.api.BackgroundCopyGroup;

/**
 * Base of the commands that apply one verb to one group given by id. The group is opened with
 * {@code getGroup}, so an administrator acting on another user's group takes it over (spec §2.1.2).
 */
abstract class GroupCommand extends QmgrCommand {

    @Argument(index = 0, name = "group", required = true, description = "Group id, with or without braces")
    @Completion(GroupIdCompleter.class)
    String group;

    @Override
    protected final void run() {
        UUID id = Args.id(group);
        parseArguments();
        BackgroundCopyGroup g = qmgr.getGroup(id);
        System.out.println("group " + g.getGroupId() + " " + apply(g));
    }

    /** Parses the further arguments before the group is opened, so a bad one changes nothing. */
    protected void parseArguments() {
    }

    /** @return what happened, e.g. {@code resumed}, printed after the group id */
    protected abstract String apply(BackgroundCopyGroup group);
}
