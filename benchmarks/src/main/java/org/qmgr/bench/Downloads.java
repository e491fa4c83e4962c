package org.qmgr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.qmgr.bench.Origin.Source;

/** Helpers of the transfer scenarios for the files they download: checking, measuring, removing. */
final class Downloads {

    private Downloads() {
    }

    /**
     * @return {@code null} when every source is complete in {@code dir} (see {@link Origin#check}), else how
     *         many are not and the first problem
     */
    static String problems(Origin origin, List<Source> sources, Path dir) {
        int bad = 0;
        String first = null;
        for (Source s : sources) {
            String problem = origin.check(s, dir.resolve(s.name()));
            if (problem != null) {
                bad++;
                first = first == null ? problem : first;
            }
        }
        return bad == 0 ? null : bad + " of " + sources.size() + " files incomplete, e.g. " + first;
    }

    /** @return the sources with the sizes of the files in {@code dir} (what qmgr committed, for a URL list) */
    static List<Source> sized(List<Source> sources, Path dir) {
        List<Source> sized = new ArrayList<>(sources.size());
        for (Source s : sources) {
            try {
                sized.add(s.size() >= 0 ? s : s.withSize(Files.size(dir.resolve(s.name()))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot measure " + dir.resolve(s.name()), e);
            }
        }
        return sized;
    }

    /** @return the total size of the sources (all sized) */
    static long bytes(List<Source> sources) {
        return sources.stream().mapToLong(Source::size).sum();
    }

    /**
     * Makes a peer's files durable after it exited, as qmgr's are before it reports them: each file forced to
     * the device, then the directory once.
     *
     * @return the seconds it took
     */
    static double fsync(List<Source> sources, Path dir) {
        long start = System.nanoTime();
        try {
            for (Source s : sources) {
                force(dir.resolve(s.name()), StandardOpenOption.WRITE);
            }
            force(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fsync the files in " + dir, e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }

    /** @return the size of a file, 0 while it does not exist */
    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Removes a directory and everything in it (downloads are not kept: a 1 GiB file per tool adds up). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /**
     * @param rows a scenario's rows: qmgr's (store h2/postgresql) and the peers' (store = tool name)
     * @return the rows, qmgr's with the ratio of their rate to the best peer's that completed
     */
    static List<Result> withRatios(List<Result> rows, List<PeerTool> peers) {
        List<String> tools = peers.stream().map(PeerTool::name).toList();
        double best = rows.stream().filter(r -> tools.contains(r.store()) && !r.notes().startsWith("FAILED"))
                .mapToDouble(Result::rate).filter(r -> r > 0).max().orElse(Double.NaN);
        return rows.stream().map(r -> tools.contains(r.store()) ? r : r.withRatio(r.rate() / best)).toList();
    }

    /** @return the percentage {@code part} is of {@code whole} */
    static double percent(double part, double whole) {
        return 100.0 * part / whole;
    }

    /** @return MiB from bytes */
    static double mib(double bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
