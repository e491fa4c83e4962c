package org.qmgr.shell.internal;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code qmgr:job-cancel}: removes one job, found among the caller's groups, from its group (spec §2.3.1). */
@Command(scope = "qmgr", name = "job-cancel", description = "Cancels one job of a group that is not running.")
@Service
public class JobCancelCommand extends QmgrCommand {

    @Argument(index = 0, name = "job", required = true, description = "Job id, with or without braces")
    @Completion(JobIdCompleter.class)
    String job;

    @Override
    protected void run() {
        UUID id = Args.id(job);
        Queue.openJob(qmgr, id).cancelJob();
        System.out.println("job " + id + " cancelled");
    }
}
