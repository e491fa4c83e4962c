package org.qmgr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer scenarios end to end with tiny counts on H2, so that they cannot rot: every file arrives and
 * is checked, the layouts and rows are as documented. Nothing about speed is asserted; peers are not run
 * (which tools a machine has varies).
 */
class TransferSmokeTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    @Test
    void downloadsFromTheInProcessOrigin() throws Exception {
        Options options = Options.parse("transfer-1g", "transfer-4k-x10000", "--big-file-mib", "1",
                "--small-files", "20", "--files-per-group", "10", "--peers", "none", "--work-dir", dir.toString());

        Benchmark.Report report = Benchmark.run(options, QUIET);

        assertThat(report.results())
                .extracting(Result::scenario, Result::step, Result::store, Result::count, Result::unit)
                .containsExactly(
                        tuple("transfer-1g", "1 group", "h2", 1024L * 1024, Result.BYTES),
                        tuple("transfer-4k-x10000", "1 group", "h2", 20L, "files"),
                        tuple("transfer-4k-x10000", "1 group, 16 files at once", "h2", 20L, "files"),
                        tuple("transfer-4k-x10000", "2 groups", "h2", 20L, "files"));
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.seconds()).isPositive();
            assertThat(r.peakMiB()).isFinite();
            assertThat(r.ratio()).isNaN();
            assertThat(r.notes()).contains("all files checked");
        });
        assertThat(report.header()).anyMatch(line -> line.startsWith("origin: in-process Jetty"))
                .anyMatch(line -> line.equals("peers: none"));
        assertThat(ResultTable.text(report.results())).contains("1.0  MiB");
        try (var left = Files.list(dir)) {
            assertThat(left).as("the run directory is removed").isEmpty();
        }
    }

    @Test
    void downloadsTheUrlsOfAList() throws Exception {
        try (GeneratedOrigin origin = new GeneratedOrigin()) {
            List<String> lines = new ArrayList<>(List.of("# 64 KiB files of some server"));
            origin.sources("x", 5, 65536).forEach(s -> lines.add("64k " + s.url()));
            Path list = Files.write(dir.resolve("urls.txt"), lines);
            Path work = Files.createDirectory(dir.resolve("work"));
            Options options = Options.parse("transfer-64k-x2000", "--origin-url-list", list.toString(),
                    "--files-per-group", "2", "--peers", "none", "--work-dir", work.toString());

            Benchmark.Report report = Benchmark.run(options, QUIET);

            assertThat(report.results()).extracting(Result::step, Result::count)
                    .containsExactly(tuple("1 group", 5L), tuple("1 group, 16 files at once", 5L),
                            tuple("3 groups", 5L));
            assertThat(report.header())
                    .anyMatch(line -> line.startsWith("origin: URL list") && line.endsWith("5 x 64k"));
            assertThat(origin.served()).endsWith(" " + 3 * 5 * 65536 + " body bytes"); // each file once per layout
        }
    }
}
