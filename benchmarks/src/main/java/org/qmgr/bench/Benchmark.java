package org.qmgr.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the selected scenarios on the selected stores in a run directory of its own: starts the databases,
 * describes the machine, collects the rows, and cleans up (unless told to keep the run).
 */
public final class Benchmark {

    /**
     * What a run measured.
     *
     * @param header  lines describing the run: date, JVM, cores, heap, stores with versions
     * @param results the rows of the results table
     */
    public record Report(List<String> header, List<Result> results) {
    }

    private Benchmark() {
    }

    /**
     * @param options  the command line
     * @param progress where progress lines go
     * @return the header and the rows
     * @throws UsageException     for an option that no scenario can use
     * @throws BenchmarkException if a scenario could not measure
     */
    public static Report run(Options options, PrintStream progress) {
        List<Scenario> scenarios = Scenarios.select(options.scenarios());
        scenarios.forEach(s -> s.validate(options));
        boolean transfers = scenarios.stream().anyMatch(Scenario::transfers);
        List<PeerTool> peers = transfers ? PeerTool.select(options.peers()) : List.of();
        Path runDir = createRunDir(options.workDir());
        List<Database> stores = new ArrayList<>();
        Origin origin = null;
        try {
            for (String name : options.stores(scenarios)) {
                progress.printf("starting store %s%n", name);
                stores.add(open(name, options, runDir));
            }
            if (transfers) {
                origin = options.originUrlList() != null ? new UrlListOrigin(options.originUrlList())
                        : new GeneratedOrigin();
            }
            List<String> header = header(stores, runDir, options);
            if (origin != null) {
                header.add("origin: " + origin.describe());
                header.add("peers: " + (peers.isEmpty() ? "none" : peers.stream().map(PeerTool::version)
                        .collect(Collectors.joining("; "))));
            }
            RunContext context = new RunContext(List.copyOf(stores), options, runDir, new HeapMeter(), progress,
                    origin, peers);
            List<Result> results = new ArrayList<>();
            for (Scenario s : scenarios) {
                results.addAll(s.run(context));
            }
            return new Report(header, results);
        } finally {
            if (origin != null) {
                origin.close();
            }
            stores.forEach(Database::close);
            if (!options.keep()) {
                delete(runDir);
            } else {
                progress.printf("kept %s%n", runDir);
            }
        }
    }

    private static Database open(String name, Options options, Path runDir) {
        return switch (name) {
            case "h2" -> new H2Database(runDir.resolve("h2"));
            case "postgresql" -> options.jdbcUrl() != null
                    ? PostgresDatabase.external(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword(),
                            options.keep())
                    : PostgresDatabase.embedded(runDir.resolve("postgresql"), options.keep());
            default -> throw new UsageException("unknown store '" + name + "'");
        };
    }

    private static List<String> header(List<Database> stores, Path runDir, Options options) {
        Runtime rt = Runtime.getRuntime();
        List<String> header = new ArrayList<>();
        header.add("qmgr benchmarks, " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + ", run directory "
                + runDir);
        header.add("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + rt.maxMemory() / (1024 * 1024) + " MiB, GC "
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining("/")));
        header.add(String.format(Locale.ROOT, "machine: %d cores, %s %s %s, load average %.2f at start",
                rt.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        stores.forEach(s -> header.add("store " + s.name() + ": " + s.describe()));
        header.add("options: " + options.params());
        return header;
    }

    private static Path createRunDir(Path workDir) {
        try {
            Path parent = workDir == null ? Path.of(System.getProperty("java.io.tmpdir"))
                    : Files.createDirectories(workDir);
            return Files.createTempDirectory(parent, "qmgr-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory in " + workDir, e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the run directory " + dir, e);
        }
    }
}
