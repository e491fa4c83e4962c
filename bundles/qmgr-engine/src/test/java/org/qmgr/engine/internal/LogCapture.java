package org.qmgr.engine.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Records what the engine logs while open. The engine's tests log through slf4j-simple, which writes each
 * line to whatever {@code System.err} is at that moment; this copies it into a buffer as well.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                buffer.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** @return every line logged so far, stack trace lines included */
    List<String> lines() {
        return buffer.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * @param level  {@code ERROR}, {@code WARN}, {@code INFO}, …
     * @param prefix start of the logger name, e.g. {@code org.qmgr}
     * @return the lines logged at that level by loggers under the prefix
     */
    List<String> lines(String level, String prefix) {
        String marker = "] " + level + " " + prefix;
        return lines().stream().filter(l -> l.startsWith("[") && l.contains(marker)).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
