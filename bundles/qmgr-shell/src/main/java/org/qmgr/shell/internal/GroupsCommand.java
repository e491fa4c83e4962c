package org.qmgr.shell.internal;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.QmgrException;
import org.qmgr.api.dto.GroupDTO;

/** {@code qmgr:groups}: the groups the caller may see, one row each. */
@Command(scope = "qmgr", name = "groups", description = "Lists the queued groups visible to you.")
@Service
public class GroupsCommand implements Action {

    @Reference
    BackgroundCopyQMgr qmgr;

    @Option(name = "--no-format", description = "Plain output for scripts (no borders)")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Name");
        table.column("Status");
        table.column("%").alignRight();
        table.column("Bytes").alignRight();
        table.column("Size").alignRight();
        for (UUID id : qmgr.enumGroups().stream().toList()) {
            GroupDTO g;
            try {
                g = qmgr.getGroupInfo(id);
            } catch (QmgrException e) {
                continue; // cancelled since the snapshot was taken
            }
            table.addRow().addContent(g.groupId, Texts.clip(g.displayName, 40),
                    String.format("0x%X %s", g.status, GroupStatus.of(g.status, g.jobIndex).describe()),
                    g.percent, g.bytesTransferred, g.size);
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
