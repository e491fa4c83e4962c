package org.qmgr.shell.internal;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundPriority;

/**
 * {@code qmgr:group-create}: a new, empty, suspended group owned by the session's user (spec §2.1.1). Prints
 * only the group id, so scripts can capture it. A refused option cancels the new group: nothing half-made stays.
 */
@Command(scope = "qmgr", name = "group-create", description = "Creates an empty, suspended group and prints its id.")
@Service
public class GroupCreateCommand extends QmgrCommand {

    @Option(name = "--name", aliases = "-n", description = "Display name (at most 256 characters)")
    String name;

    @Option(name = "--description", aliases = "-d", description = "Description (at most 1024 characters)")
    String description;

    @Option(name = "--priority", aliases = "-p", description = "Background priority: HIGH, NORMAL (default) or LOW")
    @Completion(PriorityCompleter.class)
    String priority;

    @Option(name = "--foreground", aliases = "-f", description = "Transfer in the foreground (full speed)")
    boolean foreground;

    @Override
    protected void run() {
        BackgroundPriority p = priority == null ? null : Args.priority(priority);
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        try {
            if (name != null) {
                group.setDisplayName(name);
            }
            if (description != null) {
                group.setDescription(description);
            }
            if (p != null) {
                group.setBackgroundPriority(p);
            }
            if (foreground) {
                group.switchToForeground();
            }
        } catch (RuntimeException e) {
            group.cancel();
            throw e;
        }
        System.out.println(group.getGroupId());
    }
}
