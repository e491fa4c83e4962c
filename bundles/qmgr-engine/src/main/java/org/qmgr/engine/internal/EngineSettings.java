package org.qmgr.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine's configuration as plain typed values, read once from {@link EngineConfig} (so a live update
 * swaps one immutable object) and constructible directly in tests.
 */
record EngineSettings(Duration minRetryDelay, Duration noProgressTimeout, Duration inactivityTimeout,
                      Duration timeSlice, int maxConcurrentTransfers, int maxConcurrentTransfersPerOwner,
                      BandwidthSettings bandwidth,
                      boolean legacySingleJobScheduling,
                      int maxLocalPathLength, int maxRemoteUrlLength, List<Path> allowedLocalRoots,
                      int maxGroupsPerUser, int maxGroupsPerMachine, int maxFilesPerJob, int maxJobsPerGroup,
                      long checkpointBytes, Duration checkpointInterval, Set<String> administrators,
                      String nodeId, Duration leaseTtl, int filesAtOnce, Duration minProgressInterval,
                      Duration progressEventInterval, long maxBytesPerFile, UserRoots userRoots,
                      boolean diskFullIsFatal) {

    /** Karaf's own code and configuration directories under its home and base, never written to (P9). */
    private static final List<String> HOST_DIRS = List.of("etc", "deploy", "system", "lib", "bin");

    /** Most files of one group in flight at once that {@code filesAtOnce} may ask for. */
    static final int MAX_FILES_AT_ONCE = 64;
    /** Bounds of {@code minProgressIntervalMs}: below 50 ms a listener would be flooded. */
    static final long MIN_PROGRESS_INTERVAL_MS = 50;
    /** Shortest {@code progressEventIntervalMs} other than 0 (off). */
    static final long MIN_PROGRESS_EVENT_INTERVAL_MS = 100;
    /** Longest either progress interval may be: one hour. */
    static final long MAX_PROGRESS_INTERVAL_MS = 3_600_000;

    /** @throws IllegalArgumentException naming the key and the value of a setting that is out of range */
    static EngineSettings from(EngineConfig c, String defaultNodeId) {
        List<Path> roots = new ArrayList<>();
        for (String r : commaSeparated(c.allowedLocalRoots())) {
            roots.add(realOrNormal(Path.of(r).toAbsolutePath()));
        }
        return new EngineSettings(Duration.ofSeconds(Math.max(1, c.minRetryDelaySeconds())),
                Duration.ofSeconds(Math.max(0, c.noProgressTimeoutSeconds())),
                Duration.ofSeconds(Math.max(1, c.inactivityTimeoutSeconds())),
                Duration.ofSeconds(Math.max(1, c.timeSliceSeconds())),
                Math.max(1, c.maxConcurrentTransfers()), perOwner(c.maxConcurrentTransfersPerOwner()),
                BandwidthSettings.from(c),
                c.legacySingleJobScheduling(),
                Math.max(1, c.maxLocalPathLength()), Math.max(1, c.maxRemoteUrlLength()), List.copyOf(roots),
                Math.max(0, c.maxGroupsPerUser()), Math.max(0, c.maxGroupsPerMachine()),
                Math.max(0, c.maxFilesPerJob()), Math.max(0, c.maxJobsPerGroup()),
                Math.max(64 * 1024, c.checkpointBytes()), Duration.ofMillis(Math.max(100, c.checkpointIntervalMillis())),
                Set.copyOf(new LinkedHashSet<>(commaSeparated(c.administrators()))),
                c.nodeId().isBlank() ? defaultNodeId : c.nodeId(),
                Duration.ofSeconds(Math.max(1, c.leaseTtlSeconds())),
                filesAtOnce(c.filesAtOnce()),
                Duration.ofMillis(minProgressInterval(c.minProgressIntervalMs())),
                Duration.ofMillis(progressEventInterval(c.progressEventIntervalMs())),
                maxBytesPerFile(c.maxBytesPerFile()),
                new UserRoots(commaSeparated(c.userLocalRoots())), c.diskFullIsFatal());
    }

    private static long minProgressInterval(long value) {
        if (value < MIN_PROGRESS_INTERVAL_MS || value > MAX_PROGRESS_INTERVAL_MS) {
            throw new IllegalArgumentException(EngineConfig.PID + ": minProgressIntervalMs = " + value
                    + " is out of range; it must be " + MIN_PROGRESS_INTERVAL_MS + " to " + MAX_PROGRESS_INTERVAL_MS);
        }
        return value;
    }

    private static long progressEventInterval(long value) {
        if (value != 0 && (value < MIN_PROGRESS_EVENT_INTERVAL_MS || value > MAX_PROGRESS_INTERVAL_MS)) {
            throw new IllegalArgumentException(EngineConfig.PID + ": progressEventIntervalMs = " + value
                    + " is out of range; it must be 0 (off) or " + MIN_PROGRESS_EVENT_INTERVAL_MS + " to "
                    + MAX_PROGRESS_INTERVAL_MS);
        }
        return value;
    }

    private static long maxBytesPerFile(long value) {
        if (value < 0) {
            throw new IllegalArgumentException(EngineConfig.PID + ": maxBytesPerFile = " + value
                    + " is out of range; it must be 0 (no limit) or more");
        }
        return value;
    }

    private static int perOwner(int value) {
        if (value < 0) {
            throw new IllegalArgumentException(EngineConfig.PID + ": maxConcurrentTransfersPerOwner = " + value
                    + " is out of range; it must be 0 (no limit) or more");
        }
        return value;
    }

    /** @return whether an owner with {@code running} transfers may start one more */
    boolean ownerMayStart(int running) {
        return maxConcurrentTransfersPerOwner == 0 || running < maxConcurrentTransfersPerOwner;
    }

    private static int filesAtOnce(int value) {
        if (value < 1 || value > MAX_FILES_AT_ONCE) {
            throw new IllegalArgumentException(EngineConfig.PID + ": filesAtOnce = " + value
                    + " is out of range; it must be 1 to " + MAX_FILES_AT_ONCE);
        }
        return value;
    }

    /** @return these settings with another minimum retry delay (tests use sub-second ones) */
    EngineSettings withMinRetryDelay(Duration delay) {
        return new EngineSettings(delay, noProgressTimeout, inactivityTimeout, timeSlice, maxConcurrentTransfers,
                maxConcurrentTransfersPerOwner, bandwidth, legacySingleJobScheduling, maxLocalPathLength, maxRemoteUrlLength,
                allowedLocalRoots, maxGroupsPerUser, maxGroupsPerMachine, maxFilesPerJob, maxJobsPerGroup,
                checkpointBytes, checkpointInterval, administrators, nodeId, leaseTtl, filesAtOnce,
                minProgressInterval, progressEventInterval, maxBytesPerFile, userRoots, diskFullIsFatal);
    }

    /**
     * Why no download may be written in {@code realParent}, under the rule every caller is held to (P9): never
     * inside the host installation, and inside {@code allowedLocalRoots} when they are set. Checked when files
     * are added ({@link FileSetValidator}) and again before the bytes are written ({@link DestinationGuard}).
     *
     * @param realParent the real directory a local file is written in
     * @return {@code "inside the host installation (…)"} or {@code "outside the allowed roots […]"}, or
     *         {@code null} when it may be written there
     */
    String refusalOf(Path realParent) {
        for (Path hostDir : hostDirectories()) {
            if (realParent.startsWith(hostDir)) {
                return "inside the host installation (" + hostDir + ")";
            }
        }
        if (!allowedLocalRoots.isEmpty() && allowedLocalRoots.stream().noneMatch(realParent::startsWith)) {
            return "outside the allowed roots " + allowedLocalRoots;
        }
        return null;
    }

    /** The host's own code and configuration directories (P9), from Karaf's system properties. */
    private static List<Path> hostDirectories() {
        List<Path> dirs = new ArrayList<>();
        for (String prop : List.of("karaf.home", "karaf.base")) {
            String home = System.getProperty(prop);
            if (home != null && !home.isBlank()) {
                HOST_DIRS.forEach(n -> dirs.add(realOrNormal(Path.of(home, n).toAbsolutePath())));
            }
        }
        String etc = System.getProperty("karaf.etc");
        if (etc != null && !etc.isBlank()) {
            dirs.add(realOrNormal(Path.of(etc).toAbsolutePath()));
        }
        return dirs;
    }

    /**
     * The entries of a list setting. A Karaf {@code .cfg} file gives {@code a, b} as one string, a
     * ConfigurationAdmin caller may give an array: both are split on commas, trimmed, blanks dropped.
     */
    static List<String> commaSeparated(String[] values) {
        List<String> entries = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }

    static Path realOrNormal(Path p) {
        try {
            return Files.exists(p) ? p.toRealPath() : p.normalize();
        } catch (IOException e) {
            return p.normalize();
        }
    }
}
