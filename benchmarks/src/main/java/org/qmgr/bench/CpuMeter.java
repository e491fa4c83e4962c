package org.qmgr.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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

    /**
     * CPU seconds consumed until a moment: this process's, its reaped children's, and its JIT compiler threads'
     * (a fresh JVM compiles the transfer path while it runs: a cost that a long-running service pays once).
     */
    record Sample(boolean known, double user, double sys, double childUser, double childSys, double jit) {

        /** @return what was consumed between {@code earlier} and this sample */
        Sample minus(Sample earlier) {
            return new Sample(known && earlier.known, user - earlier.user, sys - earlier.sys,
                    childUser - earlier.childUser, childSys - earlier.childSys, jit - earlier.jit);
        }

        /** @return e.g. "CPU 4.10 s (user 2.00, sys 2.10; JIT 1.00)" for this process, or "CPU unknown" */
        String describe() {
            return known ? String.format("CPU %.2f s (user %.2f, sys %.2f; JIT %.2f)", user + sys, user, sys, jit)
                    : "CPU unknown";
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
            return new Sample(true, ticks(f[11]), ticks(f[12]), ticks(f[13]), ticks(f[14]), compilerThreads());
        } catch (IOException | RuntimeException e) {
            return new Sample(false, 0, 0, 0, 0, 0);
        }
    }

    /** @return the CPU seconds of the live JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…") */
    private static double compilerThreads() throws IOException {
        double sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                    sum += ticks(f[11]) + ticks(f[12]);
                }
            }
        }
        return sum;
    }

    private static double ticks(String field) {
        return Long.parseLong(field) / TICKS_PER_SECOND;
    }
}
