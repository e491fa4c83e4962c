package org.qmgr.shell.internal;

import java.util.Locale;

import org.qmgr.api.dto.GroupDTO;

/**
 * Formats one group's progress as one line:
 * {@code [########------------]  42%  12.3 MiB / 29.0 MiB  1.2 MiB/s  ETA 0:14  TRANSFERRING  name}.
 */
final class ProgressLine {

    static final int BAR = 20;

    private ProgressLine() {
    }

    /**
     * @param g              the group's snapshot
     * @param bytesPerSecond its recent rate, or a negative value while none is known yet
     * @return the line, without a line end
     */
    static String render(GroupDTO g, double bytesPerSecond) {
        int percent = Math.max(0, Math.min(100, g.percent));
        String size = g.size > 0 ? Texts.bytes(g.size) : "?";
        return String.format(Locale.ROOT, "%s %3d%%  %s / %s  %s  ETA %s  %s  %s", bar(percent), percent,
                Texts.bytes(g.bytesTransferred), size, rate(bytesPerSecond), eta(g, bytesPerSecond), g.state,
                name(g));
    }

    /** @return {@code [####----]}: one {@code #} per five percent done */
    static String bar(int percent) {
        int filled = percent * BAR / 100;
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    static String rate(double bytesPerSecond) {
        return bytesPerSecond < 0 ? "--/s" : Texts.bytes(Math.round(bytesPerSecond)) + "/s";
    }

    /** @return the time left at the current rate as {@code m:ss} or {@code h:mm:ss}; {@code --:--} if unknown */
    static String eta(GroupDTO g, double bytesPerSecond) {
        long left = g.size - g.bytesTransferred;
        if ("COMPLETE".equals(g.state)) {
            return duration(0);
        }
        if (g.size <= 0 || left < 0 || bytesPerSecond <= 0) {
            return "--:--";
        }
        return duration((long) Math.ceil(left / bytesPerSecond));
    }

    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    private static String name(GroupDTO g) {
        return g.displayName == null || g.displayName.isEmpty() ? String.valueOf(g.groupId)
                : Texts.clip(g.displayName, 60);
    }
}
