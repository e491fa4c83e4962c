package org.qmgr.shell.internal;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code qmgr:job-create}: a new job without files in a group that is not running (spec §2.2.11); prints its id. */
@Command(scope = "qmgr", name = "job-create", description = "Creates an empty job in a group and prints the job id.")
@Service
public class JobCreateCommand extends QmgrCommand {

    @Argument(index = 0, name = "group", required = true, description = "Group id, with or without braces")
    @Completion(GroupIdCompleter.class)
    String group;

    @Override
    protected void run() {
        UUID id = Args.id(group);
        System.out.println(qmgr.getGroup(id).createJob(UUID.randomUUID()).getJobId());
    }
}
