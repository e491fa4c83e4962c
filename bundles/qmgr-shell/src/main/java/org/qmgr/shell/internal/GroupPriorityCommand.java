package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundPriority;

/** {@code qmgr:group-priority}: sets a group's background priority (spec P3). */
@Command(scope = "qmgr", name = "group-priority",
        description = "Sets a group's background priority: HIGH preempts NORMAL preempts LOW.")
@Service
public class GroupPriorityCommand extends GroupCommand {

    @Argument(index = 1, name = "priority", required = true, description = "HIGH, NORMAL or LOW")
    @Completion(PriorityCompleter.class)
    String priority;

    private BackgroundPriority parsed;

    @Override
    protected void parseArguments() {
        parsed = Args.priority(priority);
    }

    @Override
    protected String apply(BackgroundCopyGroup group) {
        group.setBackgroundPriority(parsed);
        return "priority " + parsed;
    }
}
