package org.qmgr.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.CustomHeaders;

/** {@code qmgr:get}: one group, one job, one file, resumed at once; optionally waits for the outcome. */
@Command(scope = "qmgr", name = "get", description = "Downloads one URL to a local path in a new group.")
@Service
public class GetCommand implements Action {

    @Reference
    BackgroundCopyQMgr qmgr;

    @Reference(optional = true)
    Session session;

    @Argument(index = 0, name = "url", required = true, description = "Remote URL (http or https), used exactly as given")
    String url;

    @Argument(index = 1, name = "path", required = true, description = "Absolute local path of the downloaded file")
    String path;

    @Option(name = "--wait", aliases = "-w", description = "Show progress and return when the group completes or fails")
    boolean await;

    @Option(name = "--name", aliases = "-n", description = "Display name of the new group")
    String displayName;

    @Option(name = "--foreground", aliases = "-f", description = "Transfer in the foreground (full speed)")
    boolean foreground;

    @Option(name = "--header", aliases = "-H", multiValued = true,
            description = "A custom request header, \"Name: value\", sent with every request of the group; repeatable")
    List<String> headers;

    @Override
    public Object execute() throws Exception {
        // A malformed header fails before anything is queued.
        Map<String, String> custom = headers == null ? Map.of() : CustomHeaders.parse(headers);
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        try {
            // The default name (the path) is clipped to fit; a name the user gave is refused when too long, as
            // group-create refuses it, rather than silently cut.
            group.setDisplayName(displayName == null ? Texts.clip(path, 256) : displayName);
            group.setCustomHeaders(custom);
            group.createJob(UUID.randomUUID()).addFile(url, path);
            if (foreground) {
                group.switchToForeground();
            }
            group.resume();
        } catch (RuntimeException e) {
            // Nothing half-made stays queued: the group goes with the failed request.
            group.cancel();
            throw e;
        }
        PrintStream out = await ? Terminals.live(session) : System.out;
        out.println("group " + group.getGroupId());
        if (await) {
            new ProgressWaiter(group, out, Terminals.display(session, out, false)).awaitOutcome();
        }
        return null;
    }
}
