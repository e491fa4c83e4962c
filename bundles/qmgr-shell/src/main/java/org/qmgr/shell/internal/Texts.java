package org.qmgr.shell.internal;

import java.util.Locale;

/** Small formatting helpers for command output. */
final class Texts {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Texts() {
    }

    /** @return a byte count with a binary unit, e.g. {@code 9.5 MiB} */
    static String bytes(long n) {
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** @return the text cut to {@code max} characters with an ellipsis, never {@code null} */
    static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** @return the text on one line: line breaks become spaces; {@code null} becomes the empty string */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
