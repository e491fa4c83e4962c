package org.qmgr.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A local origin for trying qmgr by hand (the README's walkthrough), with nothing installed but Java:
 * {@code java -cp benchmarks/target/qmgr-benchmarks.jar org.qmgr.bench.DemoOrigin [options]} serves N generated
 * files over HTTP on a loopback port and writes the list file {@code qmgr:file-add --list} reads ({@code URL PATH}
 * lines, the paths under {@code DIR/files/}). With {@code --check} it instead checks the downloaded files against
 * the content served and exits 1 if any differs.
 *
 * <p>Options: {@code --port P} (8000), {@code --files N} (100), {@code --size BYTES} (1048576; suffixes k, m),
 * {@code --dir DIR} (the system temp directory + {@code /qmgr-demo}), {@code --check}.
 */
public final class DemoOrigin {

    private DemoOrigin() {
    }

    /**
     * Serves until the process is stopped (Ctrl-C), or checks with {@code --check}. Exits 2 on a bad command line.
     *
     * @param args the command line
     */
    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (UsageException e) {
            System.err.println("DemoOrigin: " + e.getMessage());
            System.err.println("usage: DemoOrigin [--port P] [--files N] [--size BYTES[k|m]] [--dir DIR] [--check]");
            System.exit(2);
            return;
        }
        if (settings.check) {
            List<String> problems = check(settings);
            problems.forEach(out::println);
            out.println(problems.isEmpty()
                    ? settings.count + " files in " + settings.filesDir() + " match what was served"
                    : problems.size() + " of " + settings.count + " files differ");
            System.exit(problems.isEmpty() ? 0 : 1);
        }
        GeneratedOrigin origin = new GeneratedOrigin(settings.port);
        Runtime.getRuntime().addShutdownHook(new Thread(origin::close, "demo-origin-stop"));
        Path list = writeList(settings, origin.sources("demo", settings.count, settings.size));
        out.println("serving " + settings.count + " files of " + settings.size + " bytes at http://127.0.0.1:"
                + settings.port + "/gen/" + settings.size + "/");
        out.println("list for qmgr:file-add --list: " + list);
        out.println("Ctrl-C stops");
        new CountDownLatch(1).await();
    }

    private static Path writeList(Settings settings, List<Origin.Source> sources) {
        try {
            Files.createDirectories(settings.filesDir());
            List<String> lines = new ArrayList<>();
            lines.add("# " + sources.size() + " files from the qmgr demo origin: URL PATH");
            for (Origin.Source s : sources) {
                lines.add(s.url() + " " + settings.filesDir().resolve(s.name()));
            }
            Path list = settings.dir.resolve("list.txt");
            Files.write(list, lines, StandardCharsets.UTF_8);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the list under " + settings.dir, e);
        }
    }

    static List<String> check(Settings settings) {
        GeneratedContent content = new GeneratedContent();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < settings.count; i++) {
            String name = String.format("%s-%05d.bin", "demo", i);
            Path file = settings.filesDir().resolve(name);
            String problem = Files.isRegularFile(file) ? content.check(file, name, settings.size) : name + " is missing";
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /** The parsed command line. */
    record Settings(int port, int count, long size, Path dir, boolean check) {

        Path filesDir() {
            return dir.resolve("files");
        }

        static Settings parse(String[] args) {
            int port = 8000;
            int files = 100;
            long size = 1 << 20;
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "qmgr-demo");
            boolean check = false;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--check")) {
                    check = true;
                    continue;
                }
                if (i + 1 == args.length) {
                    throw new UsageException("unknown option or missing value: " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--port" -> port = (int) number(option, value, 1, 65535);
                    case "--files" -> files = (int) number(option, value, 1, 100_000);
                    case "--size" -> size = number(option, value, 0, Long.MAX_VALUE);
                    case "--dir" -> dir = Path.of(value).toAbsolutePath();
                    default -> throw new UsageException("unknown option: " + option);
                }
            }
            return new Settings(port, files, size, dir, check);
        }

        private static long number(String option, String value, long min, long max) {
            String v = value.toLowerCase(java.util.Locale.ROOT);
            long unit = v.endsWith("k") ? 1024 : v.endsWith("m") ? 1024 * 1024 : 1;
            try {
                long n = Math.multiplyExact(Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)), unit);
                if (n < min || n > max) {
                    throw new UsageException(option + " " + value + " is out of range " + min + ".." + max);
                }
                return n;
            } catch (NumberFormatException | ArithmeticException e) {
                throw new UsageException(option + " needs a number, not '" + value + "'");
            }
        }
    }
}
