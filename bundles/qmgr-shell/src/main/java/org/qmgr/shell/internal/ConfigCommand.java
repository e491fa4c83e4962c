package org.qmgr.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.MetaTypeService;
import org.qmgr.shell.internal.config.ConfigRow;
import org.qmgr.shell.internal.config.EffectiveConfig;
import org.qmgr.shell.internal.config.PidConfig;
import org.qmgr.shell.internal.config.QmgrPids;

/** {@code qmgr:config}: the effective configuration of every qmgr PID, secrets masked. */
@Command(scope = "qmgr", name = "config",
        description = "Shows every key of the qmgr PIDs with its effective value, its default and whether it is set.")
@Service
public class ConfigCommand implements Action {

    @Reference
    ConfigurationAdmin configAdmin;

    // Optional: without a MetaType service the defaults are unknown; values still show.
    @Reference(optional = true)
    MetaTypeService metaType;

    @Reference
    BundleContext context;

    @Argument(name = "pid", description = "Only this PID (or factory PID), e.g. org.qmgr.engine")
    String pid;

    @Option(name = "--no-format", description = "Plain output for scripts (no borders)")
    boolean noFormat;

    @Override
    public Object execute() throws Exception {
        List<PidConfig> pids = new QmgrPids(configAdmin, metaType, context).all().stream()
                .filter(c -> pid == null || pid.equals(c.pid()) || pid.equals(c.factoryPid())).toList();
        if (pid != null && pids.isEmpty()) {
            throw new IllegalArgumentException("unknown PID: " + pid + " (qmgr:config lists the qmgr PIDs)");
        }
        ShellTable table = new ShellTable();
        for (String column : new String[] {"PID", "Key", "Value", "Default", "Source"}) {
            table.column(column);
        }
        for (PidConfig c : pids) {
            for (ConfigRow r : EffectiveConfig.rows(c)) {
                table.addRow().addContent(r.pid(), r.key(), r.value(), r.defaultValue(), r.set() ? "set" : "default");
            }
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
