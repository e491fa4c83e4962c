package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.GroupProp;
import org.qmgr.api.Variant;

/**
 * {@code qmgr:group-set}: writes one group property (spec §2.2.2, §3). The value is parsed by the property's
 * type ({@link PropertyValues}); the output names the property but never echoes a value, so a password given
 * for {@code REMOTEUSERPWD} appears nowhere.
 */
@Command(scope = "qmgr", name = "group-set",
        description = "Sets a group property (GROUPPROP_*): DISPLAYNAME, DESCRIPTION, NOTIFYFLAGS (e.g. GROUP_DONE|FILE_DONE), "
                + "NOTIFYCLSID, PROTOCOLFLAGS, PROGRESSSIZE, PROGRESSPERCENT, PROGRESSTIME, REMOTEUSERID, REMOTEUSERPWD, PRIORITY.")
@Service
public class GroupSetCommand extends GroupCommand {

    @Argument(index = 1, name = "property", required = true,
            description = "Property name, with or without GROUPPROP_, any case")
    @Completion(GroupPropCompleter.class)
    String property;

    @Argument(index = 2, name = "value", required = true,
            description = "The value: text, a number (decimal or 0x hex), flag names joined by |, or \"\" to clear")
    String value;

    private GroupProp prop;
    private Variant variant;

    @Override
    protected void parseArguments() {
        prop = Args.property(property);
        variant = PropertyValues.parse(prop, value);
    }

    @Override
    protected String apply(BackgroundCopyGroup group) {
        group.setProp(prop, variant);
        return prop + " set";
    }
}
