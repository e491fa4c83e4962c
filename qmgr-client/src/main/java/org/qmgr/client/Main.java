package org.qmgr.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of bin/qmgr: {@code Main --etc DIR --user NAME --key FILE [--plain]}, reading the command name and
 * its arguments from standard input, each UTF-8 and NUL-terminated (argv would be decoded in the locale's charset).
 * Exits with the command's status, 2 on bad usage, 255 when the command could not be run or its outcome is unknown.
 */
public final class Main {

    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            String command = GogoCommand.of(words(in));
            OutputStream stdout = options.plain ? new AnsiStrippingOutputStream(out) : out;
            OutputStream stderr = options.plain ? new AnsiStrippingOutputStream(err) : err;
            return new KarafExec(ShellConfig.load(options.etc), options.user, options.key)
                    .run(command, stdout, stderr);
        } catch (IllegalArgumentException e) {
            err.println("qmgr: " + e.getMessage());
            return USAGE;
        } catch (ClientException e) {
            err.println("qmgr: " + e.getMessage());
            return ClientException.EXIT_STATUS;
        } catch (IOException e) {
            err.println("qmgr: " + e);
            return ClientException.EXIT_STATUS;
        }
    }

    /** @return the NUL-terminated UTF-8 words of {@code in} (a last word without its NUL counts too) */
    static List<String> words(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length ? i > start : bytes[i] == 0) {
                words.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return words;
    }

    /** The command line of bin/qmgr's java call. */
    private record Options(Path etc, String user, Path key, boolean plain) {

        static Options parse(String[] args) {
            Path etc = null;
            String user = null;
            Path key = null;
            boolean plain = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--etc" -> etc = Path.of(value(args, ++i));
                    case "--user" -> user = value(args, ++i);
                    case "--key" -> key = Path.of(value(args, ++i));
                    case "--plain" -> plain = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (etc == null || user == null || key == null) {
                throw new IllegalArgumentException("usage: Main --etc DIR --user NAME --key FILE [--plain] <words");
            }
            return new Options(etc, user, key, plain);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i - 1]);
            }
            return args[i];
        }
    }
}
