package org.qmgr.shell.internal;

import java.util.Locale;

import org.qmgr.api.dto.FileDTO;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.api.dto.JobDTO;

/**
 * Formats one group's progress as one line:
 * {@code [########------------]  42%  12.3 MiB / 29.0 MiB  1.2 MiB/s  ETA 0:14  TRANSFERRING  name}, or, while a
 * group of several files has no size yet, {@code [#######-------------]  37%  74.0 MiB / 37/100 files ... ETA ~0:06}.
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
        FileCount files = FileCount.of(g);
        // A group's size stays unknown until every file's size is (spec §2.2.9), and sizes come with each file's
        // GET: a list of 100 files would sit at 0 % until the last one starts. Count files then instead.
        boolean byFiles = g.size <= 0 && files.total() > 1 && !"COMPLETE".equals(g.state);
        int percent = byFiles ? (int) (files.done() * 100L / files.total()) : Math.max(0, Math.min(100, g.percent));
        String size = g.size > 0 ? Texts.bytes(g.size) : byFiles ? files.done() + "/" + files.total() + " files" : "?";
        String eta = byFiles ? estimatedEta(g, files, bytesPerSecond) : eta(g, bytesPerSecond);
        return String.format(Locale.ROOT, "%s %3d%%  %s / %s  %s  ETA %s  %s  %s", bar(percent), percent,
                Texts.bytes(g.bytesTransferred), size, rate(bytesPerSecond), eta, g.state, name(g));
    }

    /** How many files a group has and how many are done, and what the sizes known so far add up to. */
    record FileCount(int total, int done, int sized, long sizedBytes) {

        static FileCount of(GroupDTO g) {
            int total = 0;
            int done = 0;
            int sized = 0;
            long sizedBytes = 0;
            for (JobDTO j : g.jobs) {
                for (FileDTO f : j.files) {
                    total++;
                    done += f.completed ? 1 : 0;
                    if (f.totalBytes >= 0) {
                        sized++;
                        sizedBytes += f.totalBytes;
                    }
                }
            }
            return new FileCount(total, done, sized, sizedBytes);
        }
    }

    /**
     * @return the time left while the group's size is unknown, marked {@code ~}: the files of unknown size are
     *         assumed as large as the average of those known; {@code --:--} before any size or rate is known
     */
    static String estimatedEta(GroupDTO g, FileCount files, double bytesPerSecond) {
        if (files.sized() == 0 || bytesPerSecond <= 0) {
            return "--:--";
        }
        double average = (double) files.sizedBytes() / files.sized();
        double total = files.sizedBytes() + average * (files.total() - files.sized());
        return "~" + duration((long) Math.ceil(Math.max(0, total - g.bytesTransferred) / bytesPerSecond));
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
