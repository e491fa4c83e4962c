package org.qmgr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM and of the child processes it waited for (the peer tools), from {@code /proc/self/stat}.
 * Wall time on a shared machine says more about the other load than about the tool; CPU seconds per byte do
 * not. Linux only: elsewhere every sample is zero and {@link #describe} says so.
 */
final class CpuMeter {

    /** {@code USER_HZ}: the unit of {@code /proc} times, 100 on every Linux the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU seconds consumed until a moment: this process's, and its reaped children's. */
    record Sample(boolean known, double user, double sys, double childUser, double childSys) {

        /** @return what was consumed between {@code earlier} and this sample */
        Sample minus(Sample earlier) {
            return new Sample(known && earlier.known, user - earlier.user, sys - earlier.sys,
                    childUser - earlier.childUser, childSys - earlier.childSys);
        }

        /** @return e.g. "CPU 4.10 s (user 2.00, sys 2.10)" for this process, or "CPU unknown" */
        String describe() {
            return format(user, sys);
        }

        /** @return the same for the children */
        String describeChildren() {
            return format(childUser, childSys);
        }

        private String format(double u, double s) {
            return known ? String.format("CPU %.2f s (user %.2f, sys %.2f)", u + s, u, s) : "CPU unknown";
        }
    }

    private CpuMeter() {
    }

    /** @return the CPU times now */
    static Sample now() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state): utime, stime, cutime and cstime are fields 14 to 17.
            return new Sample(true, ticks(f[11]), ticks(f[12]), ticks(f[13]), ticks(f[14]));
        } catch (IOException | RuntimeException e) {
            return new Sample(false, 0, 0, 0, 0);
        }
    }

    private static double ticks(String field) {
        return Long.parseLong(field) / TICKS_PER_SECOND;
    }
}
