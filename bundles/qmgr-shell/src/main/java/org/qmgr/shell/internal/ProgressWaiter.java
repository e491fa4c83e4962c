package org.qmgr.shell.internal;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.HResults;
import org.qmgr.api.Win32Results;
import org.qmgr.api.dto.GroupDTO;

/**
 * Polls a group until it completes or fails, printing a progress line whenever the percentage moves by
 * ten points (scripts get a short log, not a redraw). A failure becomes an exception, so the shell and
 * {@code bin/qmgr} exit non-zero.
 */
final class ProgressWaiter {

    private static final long POLL_MILLIS = 200;

    private final BackgroundCopyGroup group;
    private final PrintStream out;

    ProgressWaiter(BackgroundCopyGroup group, PrintStream out) {
        this.group = group;
        this.out = out;
    }

    void awaitOutcome() throws InterruptedException {
        int lastStep = -1;
        while (true) {
            GroupDTO info = group.getInfo();
            GroupStatus status = GroupStatus.of(info.status, info.jobIndex);
            int step = info.percent / 10;
            if (step != lastStep || status.isComplete()) {
                out.printf("%3d%%  %s / %s  %s%n", info.percent, Texts.bytes(info.bytesTransferred),
                        info.size > 0 ? Texts.bytes(info.size) : "?", info.state);
                out.flush();
                lastStep = step;
            }
            if (status.isComplete()) {
                out.println("complete: " + info.jobs.get(0).files.get(0).localFile);
                return;
            }
            if (status.isError()) {
                throw new IllegalStateException("group " + info.groupId + " failed: " + describeError(info));
            }
            if (status.isSuspended()) {
                throw new IllegalStateException("group " + info.groupId + " was suspended");
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
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
