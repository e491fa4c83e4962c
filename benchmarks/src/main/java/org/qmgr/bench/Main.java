package org.qmgr.bench;

import java.io.PrintStream;
import java.io.UncheckedIOException;

/** The command line: {@code java -jar qmgr-benchmarks.jar [options] SCENARIO...}; see {@link Options#usage()}. */
public final class Main {

    private Main() {
    }

    /**
     * Prints the header and the results table to standard output (CSV with {@code --csv}, the header then going
     * to standard error), progress to standard error. Exits 2 on a bad command line, 1 on a failed run.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            Options options = Options.parse(args);
            if (options.list()) {
                Scenarios.all().forEach(s -> out.printf("%-24s %s%n", s.name(), s.description()));
                return;
            }
            Benchmark.Report report = Benchmark.run(options, err);
            PrintStream headerOut = options.csv() ? err : out;
            report.header().forEach(line -> headerOut.println("# " + line));
            out.print(options.csv() ? ResultTable.csv(report.results()) : ResultTable.text(report.results()));
            out.flush();
        } catch (UsageException e) {
            err.println("qmgr-benchmarks: " + e.getMessage());
            err.print(Options.usage());
            System.exit(2);
        } catch (BenchmarkException | UncheckedIOException e) {
            err.println("qmgr-benchmarks: " + e.getMessage());
            System.exit(1);
        }
    }
}
