package org.qmgr.shell.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.GroupProp;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.dto.FileDTO;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.api.dto.JobDTO;

/**
 * {@code qmgr:group-info}: everything about one group: state, progress, error, the GROUPPROP properties (the
 * password only as set or not, never its value), custom header names, then its jobs and files. The properties
 * come from the group's handle, which the owner opens freely; for another user's group an administrator sees the
 * snapshot only, since opening it would take it over (spec §2.1.2).
 */
@Command(scope = "qmgr", name = "group-info",
        description = "Shows a group: state, progress, error, properties (never the password), jobs and files.")
@Service
public class GroupInfoCommand extends QmgrCommand {

    @Argument(index = 0, name = "group", required = true, description = "Group id, with or without braces")
    @Completion(GroupIdCompleter.class)
    String group;

    @Option(name = "--no-format", description = "Plain output for scripts (no borders)")
    boolean noFormat;

    @Override
    protected void run() {
        UUID id = Args.id(group);
        GroupDTO g = qmgr.getGroupInfo(id);
        PrintStream out = System.out;
        ShellTable props = Tables.of("Property", "Value");
        row(props, "ID", g.groupId);
        row(props, "Owner", g.owner);
        row(props, "State", g.state);
        row(props, "Status", String.format("0x%X %s", g.status, GroupStatus.of(g.status, g.jobIndex).describe()));
        row(props, "Progress", g.percent + "% " + g.bytesTransferred + " / " + g.size + " bytes");
        row(props, "Foreground", g.foreground);
        row(props, "Background priority", g.backgroundPriority);
        if (g.win32Result != 0 || g.transportResult != 0 || g.errorDescription != null) {
            row(props, "Error", ProgressWaiter.describeError(g));
        }
        row(props, "Created", Instant.ofEpochMilli(g.createdMillis));
        row(props, "Modified", Instant.ofEpochMilli(g.modifiedMillis));
        row(props, "Custom headers", String.join(", ", g.customHeaders.keySet()));
        if (g.owner.equals(SessionUser.identity())) {
            properties(props, qmgr.getGroup(id));
        } else {
            row(props, "Properties", "not shown: opening another owner's group would take it over");
        }
        props.print(out, !noFormat);
        ShellTable files = Tables.of("Job", "#", "Remote", "Local", "Bytes", "Size", "Done");
        for (JobDTO j : g.jobs) {
            if (j.files.isEmpty()) {
                files.addRow().addContent(j.jobId, "", "", "", "", "", "");
            }
            for (FileDTO f : j.files) {
                files.addRow().addContent(j.jobId, f.index, f.remoteFile, f.localFile, f.bytesTransferred,
                        f.totalBytes < 0 ? "?" : f.totalBytes, f.completed ? "yes" : "");
            }
        }
        files.print(out, !noFormat);
    }

    private static void properties(ShellTable props, BackgroundCopyGroup handle) {
        for (GroupProp p : GroupProp.values()) {
            if (!p.supported()) {
                continue;
            }
            if (p.writeOnly()) {
                row(props, p.name(), "(write-only, never shown)");
            } else if (p == GroupProp.NOTIFYFLAGS) {
                int mask = handle.getNotifyFlagsMask();
                row(props, p.name(), String.format("0x%X %s", mask, PropertyValues.notifyFlagNames(mask)));
            } else if (p == GroupProp.PROTOCOLFLAGS) {
                row(props, p.name(), handle.getProtocol());
            } else {
                row(props, p.name(), handle.getProp(p).value());
            }
        }
    }

    private static void row(ShellTable table, String name, Object value) {
        table.addRow().addContent(name, value == null ? "" : value);
    }
}
