package org.qmgr.shell.internal;

import java.io.PrintStream;
import java.util.function.IntSupplier;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.Terminal;

/**
 * What a command's terminal allows: redrawing in place (a real terminal, not dumb, and not asked for plain output)
 * and how wide a line may be.
 */
final class Terminals {

    private Terminals() {
    }

    /**
     * Where a live display writes: the session's console when there is a session, as Karaf's own {@code log:tail}
     * does. Karaf's local console shows what a command prints to {@code System.out} only when the command ends
     * (measured: {@code qmgr:watch} showed nothing for 10 s, then every frame at once), while the console
     * stream reaches the terminal at each flush, in the local console and over SSH alike.
     *
     * @param session the command's session, or {@code null}
     * @return the stream to draw progress on
     */
    static PrintStream live(Session session) {
        PrintStream console = session == null ? null : session.getConsole();
        return console != null ? console : System.out;
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

    /**
     * @return the terminal's width in columns, read at each call as the user may resize it; 0 without a terminal
     */
    static IntSupplier columns(Session session) {
        Terminal t = session == null ? null : session.getTerminal();
        return t == null ? () -> 0 : t::getWidth;
    }

    /** @return a progress display on {@code out} fitted to the session's terminal */
    static ProgressDisplay display(Session session, PrintStream out, boolean noFormat) {
        return new ProgressDisplay(out, ansi(session, noFormat), columns(session));
    }
}
