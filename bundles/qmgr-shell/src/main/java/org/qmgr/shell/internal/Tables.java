package org.qmgr.shell.internal;

import org.apache.karaf.shell.support.table.ShellTable;

/** Builds the {@link ShellTable}s of the commands: numeric columns (named {@code %}, {@code Bytes}, …) right-aligned. */
final class Tables {

    private Tables() {
    }

    static ShellTable of(String... columns) {
        ShellTable table = new ShellTable();
        for (String c : columns) {
            if (c.equals("%") || c.equals("Bytes") || c.equals("Size") || c.equals("Files") || c.equals("Done")
                    || c.equals("#")) {
                table.column(c).alignRight();
            } else {
                table.column(c);
            }
        }
        return table;
    }
}
