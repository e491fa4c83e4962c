package org.qmgr.shell.internal;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import org.qmgr.api.dto.GroupDTO;

/**
 * Shows progress lines, one per group. On an ANSI terminal the block of lines is redrawn in place (cursor up,
 * erase line) with the cursor hidden until {@link #close()}, each line cut to the terminal's width; otherwise, for
 * scripts and dumb terminals, a plain line is printed only when a group's state changes or its percentage crosses
 * a ten-point step.
 */
final class ProgressDisplay implements AutoCloseable {

    static final String ESC = "\u001B[";
    static final String HIDE_CURSOR = ESC + "?25l";
    static final String SHOW_CURSOR = ESC + "?25h";
    static final String ERASE_LINE = ESC + "2K";

    private final PrintStream out;
    private final boolean ansi;
    private final IntSupplier columns;
    private int drawn;
    private boolean cursorHidden;
    /** Plain mode: the last printed step and state per group. */
    private final Map<UUID, String> printed = new HashMap<>();

    /**
     * @param ansi    whether to redraw in place ({@link Terminals#ansi})
     * @param columns the terminal's current width, asked at every redraw (it may be resized); 0 or less if unknown
     */
    ProgressDisplay(PrintStream out, boolean ansi, IntSupplier columns) {
        this.out = out;
        this.ansi = ansi;
        this.columns = columns;
    }

    /** A row to show: the group's snapshot and its rate (negative while unknown). */
    record Row(GroupDTO group, double bytesPerSecond) {
    }

    void show(List<Row> rows) {
        if (ansi) {
            redraw(rows);
        } else {
            rows.forEach(this::printIfChanged);
        }
        out.flush();
    }

    private void redraw(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        if (!cursorHidden) {
            b.append(HIDE_CURSOR);
            cursorHidden = true;
        }
        if (drawn > 0) {
            b.append(ESC).append(drawn).append('A');
        }
        int width = columns.getAsInt();
        for (Row r : rows) {
            String line = ProgressLine.render(r.group(), r.bytesPerSecond());
            // A line as wide as the terminal wraps (or leaves a pending wrap), and the cursor-up above would then
            // climb fewer rows than were drawn: keep the last column free.
            b.append('\r').append(ERASE_LINE).append(width > 1 ? Texts.clip(line, width - 1) : line).append('\n');
        }
        if (rows.size() < drawn) {
            b.append(ESC).append('J'); // lines of groups no longer shown
        }
        drawn = rows.size();
        out.print(b);
    }

    private void printIfChanged(Row r) {
        GroupDTO g = r.group();
        String key = g.percent / 10 + " " + g.state;
        if (!key.equals(printed.put(g.groupId, key))) {
            out.println(ProgressLine.render(g, r.bytesPerSecond()));
        }
    }

    /** Gives the cursor back; the drawn lines stay on screen. */
    @Override
    public void close() {
        if (cursorHidden) {
            out.print(SHOW_CURSOR);
            cursorHidden = false;
        }
        out.flush();
    }
}
