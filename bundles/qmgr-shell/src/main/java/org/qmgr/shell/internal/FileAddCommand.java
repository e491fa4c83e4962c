package org.qmgr.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.qmgr.api.FileSetInfo;

/**
 * {@code qmgr:file-add}: adds one file ({@code URL PATH}) or a whole list file of {@code URL PATH} lines to a job
 * in one atomic call (spec §2.3.4): a bad line or a refused file adds nothing.
 */
@Command(scope = "qmgr", name = "file-add",
        description = "Adds a file (URL PATH), or every 'URL PATH' line of a list file (--list), to a job; all or nothing.")
@Service
public class FileAddCommand extends QmgrCommand {

    @Argument(index = 0, name = "job", required = true, description = "Job id, with or without braces")
    @Completion(JobIdCompleter.class)
    String job;

    @Argument(index = 1, name = "url", description = "Remote URL, used exactly as given")
    String url;

    @Argument(index = 2, name = "path", description = "Absolute local path of the downloaded file")
    String path;

    @Option(name = "--list", aliases = "-l", description = "A file of 'URL PATH' lines (# comments, blank lines skipped), "
            + "read by the Karaf process: give an absolute path")
    @Completion(FileCompleter.class)
    String list;

    @Override
    protected void run() {
        UUID id = Args.id(job);
        List<FileSetInfo> files = files();
        Queue.openJob(qmgr, id).addFiles(files);
        System.out.println(files.size() + (files.size() == 1 ? " file" : " files") + " added to job " + id);
    }

    private List<FileSetInfo> files() {
        if (list == null && ("--list".equals(url) || "-l".equals(url))) {
            // Karaf reads options only before the first argument: "file-add JOB --list FILE" arrives as arguments
            list = path;
            url = null;
            path = null;
        }
        if (list == null) {
            if (url == null || path == null) {
                throw new IllegalArgumentException("give URL and PATH, or --list FILE");
            }
            return List.of(new FileSetInfo(url, path));
        }
        if (url != null) {
            throw new IllegalArgumentException("give URL and PATH, or --list FILE, not both");
        }
        try {
            return FileLists.parse(Files.readAllLines(Path.of(list), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read list file " + list + ": " + e, e);
        }
    }
}
