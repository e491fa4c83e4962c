package org.qmgr.shell.internal;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.qmgr.api.dto.FileDTO;

/** {@code qmgr:file-list}: the files of a job with their progress, from a snapshot of its group. */
@Command(scope = "qmgr", name = "file-list", description = "Lists the files of a job: URL, local path, bytes, size, done.")
@Service
public class FileListCommand extends QmgrCommand {

    @Argument(index = 0, name = "job", required = true, description = "Job id, with or without braces")
    @Completion(JobIdCompleter.class)
    String job;

    @Option(name = "--no-format", description = "Plain output for scripts (no borders)")
    boolean noFormat;

    @Override
    protected void run() {
        UUID id = Args.id(job);
        ShellTable table = Tables.of("#", "Remote", "Local", "Bytes", "Size", "Done");
        for (FileDTO f : Queue.job(Queue.groupOfJob(qmgr, id), id).files) {
            table.addRow().addContent(f.index, f.remoteFile, f.localFile, f.bytesTransferred,
                    f.totalBytes < 0 ? "?" : f.totalBytes, f.completed ? "yes" : "");
        }
        table.print(System.out, !noFormat);
    }
}
