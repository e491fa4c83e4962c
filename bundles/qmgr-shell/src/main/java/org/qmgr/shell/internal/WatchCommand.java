package org.qmgr.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.qmgr.api.QmgrException;
import org.qmgr.api.dto.GroupDTO;

/** {@code qmgr:watch}: live progress of groups until they are all finished or the user presses Ctrl-C. */
@Command(scope = "qmgr", name = "watch",
        description = "Shows live progress bars of groups until all are complete, in error or cancelled (Ctrl-C stops).")
@Service
public class WatchCommand extends QmgrCommand {

    @Reference(optional = true)
    Session session;

    @Argument(index = 0, name = "group", multiValued = true,
            description = "Group ids to watch; none: all your groups on their way (queued, transferring, waiting to retry)")
    @Completion(GroupIdCompleter.class)
    List<String> groups;

    @Option(name = "--interval", aliases = "-i", description = "Milliseconds between refreshes (50..60000)")
    long interval = 500;

    @Option(name = "--no-format", description = "Plain lines for scripts: one per state change or ten percent")
    boolean noFormat;

    @Override
    protected void run() {
        if (interval < 50 || interval > 60_000) {
            throw new IllegalArgumentException("--interval must be 50..60000 ms: " + interval);
        }
        List<UUID> ids = groups == null || groups.isEmpty() ? unfinished() : groups.stream().map(Args::id).toList();
        ids.forEach(qmgr::getGroupInfo); // an unknown or another owner's group fails now, in one line
        PrintStream out = Terminals.live(session);
        if (ids.isEmpty()) {
            out.println("no groups to watch");
            return;
        }
        Watch watch = new Watch(qmgr::getGroupInfo, Terminals.display(session, out, noFormat),
                Duration.ofMillis(interval), System::nanoTime);
        try {
            watch.until(ids, g -> Watch.FINAL.contains(g.state));
        } catch (InterruptedException e) {
            // Ctrl-C: the normal end of a watch, and silent. The console cancels the job and shows its prompt at
            // once, without waiting for this thread, so anything printed now would land after that prompt.
            Thread.currentThread().interrupt();
        }
    }

    private List<UUID> unfinished() {
        return qmgr.enumGroups().stream().filter(id -> {
            try {
                GroupDTO g = qmgr.getGroupInfo(id);
                // a suspended group never finishes by itself: watching it would never end
                return !Watch.FINAL.contains(g.state) && !"SUSPENDED".equals(g.state);
            } catch (QmgrException e) {
                return false; // cancelled since the snapshot was taken
            }
        }).toList();
    }
}
