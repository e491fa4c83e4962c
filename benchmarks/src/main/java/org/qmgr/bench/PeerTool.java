package org.qmgr.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.qmgr.bench.Origin.Source;

/**
 * A download tool run on the same URLs as qmgr, for comparison: {@link Curl} or {@link Aria2}. It runs as a
 * child process writing into a directory; its time is the process's wall-clock time, start-up included.
 */
abstract class PeerTool {

    /** The tools the runner knows, in the order their rows are printed. */
    static final List<String> NAMES = List.of("curl", "aria2c");

    /**
     * A finished run.
     *
     * @param seconds wall-clock seconds from start to exit
     * @param error   {@code null} on success, else the exit status and the first line the tool printed
     */
    record Run(double seconds, String error) {
    }

    private static final long TIMEOUT_MINUTES = 30;

    /**
     * @param spec {@code auto} (every known tool on the PATH), {@code none}, or names separated by commas
     * @return the tools to run
     * @throws UsageException for an unknown name, or a named tool that is not on the PATH
     */
    static List<PeerTool> select(String spec) {
        List<PeerTool> tools = new ArrayList<>();
        if (spec.equals("none")) {
            return tools;
        }
        boolean auto = spec.equals("auto");
        List<String> wanted = auto ? NAMES : List.of(spec.split(","));
        for (String name : wanted) {
            String n = name.trim();
            if (!NAMES.contains(n)) {
                throw new UsageException("unknown peer tool '" + n + "' (tools: " + String.join(", ", NAMES) + ")");
            }
            if (onPath(n)) {
                tools.add(n.equals("curl") ? new Curl() : new Aria2());
            } else if (!auto) {
                throw new UsageException("peer tool '" + n + "' is not on the PATH");
            }
        }
        return tools;
    }

    /** @return the tool's name, as in the table's store column */
    abstract String name();

    /** @return the command that fetches one URL into {@code out} */
    abstract List<String> one(Source source, Path out);

    /**
     * @param listFile a file this method may write (the tool's URL list)
     * @return the command that fetches every source into {@code dir}, {@code parallel} at a time
     */
    abstract List<String> many(List<Source> sources, Path dir, Path listFile, int parallel) throws IOException;

    /** @return the command that fetches one URL into {@code out} no faster than {@code bytesPerSecond} */
    abstract List<String> capped(Source source, Path out, long bytesPerSecond);

    /** @return how {@link #one} runs, for the notes */
    abstract String oneNote();

    /** @return how {@link #many} runs, for the notes */
    abstract String manyNote(int parallel);

    /** @return how {@link #capped} runs, for the notes */
    abstract String cappedNote(long bytesPerSecond);

    /** @return the first line of the tool's version output, for the table's header */
    String version() {
        try {
            Process p = new ProcessBuilder(name(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse(name()).strip();
        } catch (IOException e) {
            return name() + " (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return name();
        }
    }

    /** Runs a command to its end; its messages go to {@code log}. */
    Run run(List<String> command, Path log) {
        long start = System.nanoTime();
        Process p = start(command, log);
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Run(Double.NaN, "timed out after " + TIMEOUT_MINUTES + " min");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while " + name() + " ran", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(seconds, p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + firstLine(log));
    }

    /** Starts a command; its messages go to {@code log}, its standard output is discarded. */
    Process start(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    private static String firstLine(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).findFirst().orElse("(no message)");
        } catch (IOException e) {
            return "(no message)";
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
