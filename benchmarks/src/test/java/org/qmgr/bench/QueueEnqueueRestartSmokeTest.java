package org.qmgr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner end to end with tiny counts on H2, so that it cannot rot: the restarted engine saw every group
 * and file, and each row carries its figures. Nothing about speed is asserted.
 */
class QueueEnqueueRestartSmokeTest {

    @TempDir
    Path dir;

    @Test
    void enqueuesRestartsAndReportsOnH2() throws Exception {
        Options options = Options.parse("queue", "--stores", "h2", "--groups", "7", "--files", "5",
                "--files-per-call", "2", "--work-dir", dir.toString());

        Benchmark.Report report = Benchmark.run(options, new PrintStream(OutputStream.nullOutputStream()));

        List<Result> rows = report.results();
        assertThat(rows).extracting(Result::scenario, Result::step, Result::store, Result::count, Result::unit)
                .containsExactly(
                        tuple("queue-enqueue-restart", "enqueue", "h2", 35L, "files"),
                        tuple("queue-enqueue-restart", "restart", "h2", 35L, "files"));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.seconds()).isPositive();
            assertThat(r.rate()).isPositive().isFinite();
            assertThat(r.heapMiB()).isFinite();
            assertThat(r.peakMiB()).isFinite();
        });
        // 7 groups x (createGroup + createJob + 3 addFiles calls); the restart answered with all 7 groups
        assertThat(rows.get(0).notes()).startsWith("7 groups x 5 files, 35 API calls");
        assertThat(rows.get(1).notes()).startsWith("7 groups answered;").contains("all files verified");
        assertThat(report.header()).anyMatch(line -> line.startsWith("store h2: H2 2."));
        assertThat(ResultTable.text(rows).lines()).hasSize(3);
        assertThat(ResultTable.csv(rows).lines()).hasSize(3);
        try (var left = Files.list(dir)) {
            assertThat(left).as("the run directory is removed").isEmpty();
        }
    }

    @Test
    void badOptionsNameTheBadValue() {
        assertThatThrownBy(() -> Options.parse("queue", "--stores", "h2,oracle"))
                .isInstanceOf(UsageException.class).hasMessageContaining("'oracle'");
        assertThatThrownBy(() -> Options.parse("queue", "--groups", "-3").positiveInt("groups"))
                .isInstanceOf(UsageException.class).hasMessage("--groups must be a positive integer, not '-3'");
        assertThatThrownBy(() -> Options.parse("queue", "--bogus", "1"))
                .isInstanceOf(UsageException.class).hasMessage("unknown option: --bogus");
        assertThatThrownBy(() -> Scenarios.select(List.of("nosuch")))
                .isInstanceOf(UsageException.class).hasMessageContaining("'nosuch'");
    }
}
