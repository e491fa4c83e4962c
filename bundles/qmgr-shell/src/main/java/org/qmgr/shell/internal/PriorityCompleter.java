package org.qmgr.shell.internal;

import java.util.Arrays;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.qmgr.api.BackgroundPriority;

/** Completes the background priorities HIGH, NORMAL, LOW (spec P3). */
@Service
public class PriorityCompleter extends StringsCompleter {

    public PriorityCompleter() {
        super(Arrays.stream(BackgroundPriority.values()).map(Enum::name).toList());
    }
}
