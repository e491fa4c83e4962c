package org.qmgr.shell.internal;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.Terminal;

/** Whether a command's output may redraw in place: a real terminal, not dumb, and not asked for plain output. */
final class Terminals {

    private Terminals() {
    }

    /**
     * @param session  the command's session; its terminal is {@code null} for an SSH exec channel
     *                 ({@code bin/client "cmd"}, {@code bin/qmgr})
     * @param noFormat whether the user asked for plain output
     * @return whether ANSI cursor movement may be used
     */
    static boolean ansi(Session session, boolean noFormat) {
        Terminal t = session == null ? null : session.getTerminal();
        if (noFormat || t == null || !t.isAnsiSupported()) {
            return false;
        }
        String type = t.getType();
        return type != null && !type.isBlank() && !type.startsWith("dumb");
    }
}
