package org.qmgr.shell.internal;

import java.util.Arrays;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.qmgr.api.GroupProp;

/** Completes the names of the group properties qmgr supports (spec §3). */
@Service
public class GroupPropCompleter extends StringsCompleter {

    public GroupPropCompleter() {
        super(Arrays.stream(GroupProp.values()).filter(GroupProp::supported).map(Enum::name).toList());
    }
}
