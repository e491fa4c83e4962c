package org.qmgr.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.HResults;
import org.qmgr.api.Win32Results;
import org.qmgr.api.dto.GroupDTO;

/**
 * Shows a group's progress on a {@link ProgressDisplay} (as {@code qmgr:watch} does) until it completes or fails.
 * A failure, suspension or cancellation becomes an exception, so the shell and {@code bin/qmgr} exit non-zero.
 */
final class ProgressWaiter {

    private static final Duration POLL = Duration.ofMillis(200);

    private final BackgroundCopyGroup group;
    private final PrintStream out;
    private final ProgressDisplay display;

    /** @param display where progress goes ({@link Terminals#display}); {@code out} gets the outcome */
    ProgressWaiter(BackgroundCopyGroup group, PrintStream out, ProgressDisplay display) {
        this.group = group;
        this.out = out;
        this.display = display;
    }

    void awaitOutcome() throws InterruptedException {
        Watch watch = new Watch(id -> group.getInfo(), display, POLL, System::nanoTime);
        GroupDTO info = watch.until(List.of(group.getGroupId()),
                g -> Watch.FINAL.contains(g.state) || "SUSPENDED".equals(g.state)).get(0);
        switch (info.state) {
            case "COMPLETE" -> out.println("complete: " + info.jobs.get(0).files.get(0).localFile);
            case "ERROR" -> throw new IllegalStateException("group " + info.groupId + " failed: " + describeError(info));
            case "CANCELLED" -> throw new IllegalStateException("group " + info.groupId + " was cancelled");
            default -> throw new IllegalStateException("group " + info.groupId + " was suspended");
        }
    }

    static String describeError(GroupDTO info) {
        StringBuilder b = new StringBuilder();
        if (info.transportResult != 0) {
            b.append("HTTP ").append(info.transportResult);
        }
        if (info.win32Result != 0) {
            b.append(b.length() > 0 ? ", " : "").append(Win32Results.name(info.win32Result))
                    .append(" (").append(info.win32Result).append(')');
        }
        if (info.retries > 0) {
            b.append(" after ").append(info.retries).append(" retries");
        }
        if (info.errorDescription != null) {
            b.append(b.length() > 0 ? ": " : "").append(info.errorDescription);
        }
        return b.length() == 0 ? HResults.name(HResults.E_FAIL) : b.toString();
    }
}
