package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.qmgr.api.dto.FileDTO;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.api.dto.JobDTO;

/** {@code qmgr:job-list}: the jobs of a group with their file count and progress, from a snapshot. */
@Command(scope = "qmgr", name = "job-list", description = "Lists the jobs of a group: files, files done, bytes.")
@Service
public class JobListCommand extends QmgrCommand {

    @Argument(index = 0, name = "group", required = true, description = "Group id, with or without braces")
    @Completion(GroupIdCompleter.class)
    String group;

    @Option(name = "--no-format", description = "Plain output for scripts (no borders)")
    boolean noFormat;

    @Override
    protected void run() {
        GroupDTO g = qmgr.getGroupInfo(Args.id(group));
        ShellTable table = Tables.of("Job", "Files", "Done", "Bytes", "Size");
        for (JobDTO j : g.jobs) {
            long done = j.files.stream().filter(f -> f.completed).count();
            long bytes = j.files.stream().mapToLong(f -> f.bytesTransferred).sum();
            boolean known = j.files.stream().allMatch(f -> f.totalBytes >= 0);
            long size = j.files.stream().mapToLong((FileDTO f) -> f.totalBytes).sum();
            table.addRow().addContent(j.jobId, j.files.size(), done, bytes, known ? size : "?");
        }
        table.print(System.out, !noFormat);
    }
}
