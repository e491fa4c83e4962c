package org.qmgr.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Deterministic file content by position, without holding a file in memory: every file is a 1 MiB block
 * of pseudo-random bytes repeated, starting at an offset derived from its name. The block is held twice in
 * one read-only direct buffer, so any range of up to 1 MiB is one slice of it.
 */
final class GeneratedContent {

    /** The period of the content. */
    static final int PERIOD = 1 << 20;
    private static final int CHECKED = 1 << 20;

    private final ByteBuffer doubled;

    GeneratedContent() {
        byte[] block = new byte[PERIOD];
        new SplittableRandom(0x9E3779B97F4A7C15L).nextBytes(block);
        ByteBuffer b = ByteBuffer.allocateDirect(2 * PERIOD);
        b.put(block).put(block).flip();
        doubled = b.asReadOnlyBuffer();
    }

    /**
     * @param name the file's name (its content's offset)
     * @param pos  the position in the file
     * @param n    how many bytes, at most {@link #PERIOD}
     * @return a new read-only buffer over those bytes; safe to call from any thread
     */
    ByteBuffer slice(String name, long pos, int n) {
        int start = (int) Math.floorMod(pos + offset(name), (long) PERIOD);
        return doubled.slice(start, n);
    }

    /**
     * @return {@code null} when the file has {@code size} bytes and its first and last MiB are the content of
     *         {@code name}, else what differs
     */
    String check(Path file, String name, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long actual = channel.size();
            if (actual != size) {
                return file.getFileName() + " has " + actual + " bytes, not " + size;
            }
            for (long from : new long[] {0, Math.max(0, size - CHECKED)}) {
                int n = (int) Math.min(CHECKED, size - from);
                ByteBuffer read = ByteBuffer.allocate(n);
                int got = 0;
                while (got < n && got >= 0) {
                    int r = channel.read(read, from + got);
                    got = r < 0 ? -1 : got + r;
                }
                if (!read.flip().equals(slice(name, from, n))) {
                    return file.getFileName() + " differs from the origin's content in bytes " + from + ".."
                            + (from + n);
                }
            }
            return null;
        } catch (IOException e) {
            return Files.exists(file) ? "cannot read " + file + ": " + e : file.getFileName() + " is missing";
        }
    }

    private static long offset(String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return Math.floorMod(h * 0x9E3779B97F4A7C15L, (long) PERIOD);
    }
}
