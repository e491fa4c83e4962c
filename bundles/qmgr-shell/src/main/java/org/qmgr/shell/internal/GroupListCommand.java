package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.dto.GroupDTO;

/**
 * {@code qmgr:group-list}: one row per group the session's user may see: their own groups; every group, with
 * its owner, for an administrator (role {@code admin} or {@code qmgr-admin}, spec P11). Reading never moves
 * ownership.
 */
@Command(scope = "qmgr", name = "group-list",
        description = "Lists your groups (administrators: all groups) with owner, state, status word and progress.")
@Service
public class GroupListCommand extends QmgrCommand {

    @Option(name = "--no-format", description = "Plain output for scripts (no borders)")
    boolean noFormat;

    @Override
    protected void run() {
        ShellTable table = Tables.of("ID", "Name", "Owner", "State", "Status", "%", "Bytes", "Size");
        for (GroupDTO g : Queue.groups(qmgr)) {
            table.addRow().addContent(g.groupId, Texts.clip(g.displayName, 40), g.owner, g.state,
                    String.format("0x%X %s", g.status, GroupStatus.of(g.status, g.jobIndex).describe()),
                    g.percent, g.bytesTransferred, g.size);
        }
        table.print(System.out, !noFormat);
    }
}
