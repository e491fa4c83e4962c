package org.qmgr.shell.internal;

import java.io.PrintStream;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.qmgr.api.callback.CallbackRuntime;
import org.qmgr.api.dto.CallbackRuntimeDTO;
import org.qmgr.api.dto.FailedListenerDTO;
import org.qmgr.api.dto.ListenerDTO;
import org.qmgr.api.dto.PendingNotificationDTO;

/** {@code qmgr:listeners}: the callback listeners and observers in use, those refused, and what waits for delivery. */
@Command(scope = "qmgr", name = "listeners",
        description = "Lists the callback listeners and queue observers, the refused ones with the reason, and the pending notifications.")
@Service
public class ListenersCommand implements Action {

    // Optional: without qmgr-callbacks the command still exists and says so in one line.
    @Reference(optional = true)
    CallbackRuntime runtime;

    @Option(name = "--no-format", description = "Plain output for scripts (no borders)")
    boolean noFormat;

    @Override
    public Object execute() {
        if (runtime == null) {
            throw new IllegalStateException("no CallbackRuntime service: is bundle org.qmgr.callbacks started?");
        }
        CallbackRuntimeDTO dto = runtime.getRuntimeDTO();
        PrintStream out = System.out;
        ShellTable listeners = table("Kind", "Service", "Bundle", "Class id / filter", "Admin", "Dropped");
        for (ListenerDTO l : dto.listeners) {
            listeners.addRow().addContent(l.kind, l.serviceId, l.bundle, l.clsid != null ? l.clsid : text(l.filter),
                    l.admin ? "yes" : "", l.dropped);
        }
        listeners.print(out, !noFormat);
        out.println("Refused:");
        ShellTable refused = table("Kind", "Service", "Bundle", "Reason");
        for (FailedListenerDTO f : dto.failedListeners) {
            refused.addRow().addContent(f.kind, f.serviceId, f.bundle, f.reason);
        }
        refused.print(out, !noFormat);
        out.println("Pending notifications:");
        ShellTable pending = table("Group", "Owner", "Event", "File", "Status", "Attempts", "Next attempt", "Last failure");
        for (PendingNotificationDTO p : dto.pending) {
            pending.addRow().addContent(p.groupId, p.owner, p.event, p.fileIndex, String.format("0x%X", p.status),
                    p.attempts, p.nextAttemptMillis == 0 ? "-" : Instant.ofEpochMilli(p.nextAttemptMillis),
                    text(p.lastFailure));
        }
        pending.print(out, !noFormat);
        out.printf("in flight %d, delivered %d, failed attempts %d%n", dto.inFlight, dto.delivered, dto.failedAttempts);
        return null;
    }

    private static ShellTable table(String... columns) {
        ShellTable table = new ShellTable();
        for (String column : columns) {
            table.column(column);
        }
        return table;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
