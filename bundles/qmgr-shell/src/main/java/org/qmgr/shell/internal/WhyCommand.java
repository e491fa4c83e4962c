package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.Guids;

/** {@code qmgr:why}: why a group is or is not transferring, as {@code CODE: sentence}. */
@Command(scope = "qmgr", name = "why", description = "Tells why a group is not transferring: a code and a sentence.")
@Service
public class WhyCommand implements Action {

    @Reference
    BackgroundCopyQMgr qmgr;

    @Argument(index = 0, name = "group", required = true, description = "The group id")
    String group;

    @Override
    public Object execute() {
        System.out.println(qmgr.getGroup(Guids.parse(group)).why().line());
        return null;
    }
}
