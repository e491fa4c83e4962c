package org.qmgr.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a scenario runs with: the stores chosen on the command line, its options, a directory of its own, the
 * heap meter, and a progress stream (standard error, so standard output stays the table).
 *
 * @param stores    the databases to measure, started
 * @param options   the command line, scenario options included
 * @param runDir    the run's directory; a scenario makes its own subdirectory with {@link #dir(String)}
 * @param heap      the heap meter
 * @param progress  where to report progress, one line at a time
 * @param origin    where transfer scenarios download from; {@code null} when none of them runs
 * @param peers     the peer tools transfer scenarios run on the same URLs (maybe none)
 */
public record RunContext(List<Database> stores, Options options, Path runDir, HeapMeter heap,
                         PrintStream progress, Origin origin, List<PeerTool> peers) {

    /**
     * @param name a subdirectory name
     * @return the subdirectory of the run directory, created
     */
    public Path dir(String name) {
        try {
            return Files.createDirectories(runDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + runDir.resolve(name), e);
        }
    }

    /** Reports progress. */
    public void progress(String format, Object... args) {
        progress.printf(format + "%n", args);
        progress.flush();
    }
}
