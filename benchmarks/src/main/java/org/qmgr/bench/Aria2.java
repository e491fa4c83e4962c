package org.qmgr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.qmgr.bench.Origin.Source;

/**
 * aria2c as a peer: one connection per file ({@code -x1}), {@code -j} files at once from an input file, no
 * preallocation (qmgr and curl do not preallocate either).
 */
final class Aria2 extends PeerTool {

    @Override
    String name() {
        return "aria2c";
    }

    @Override
    List<String> one(Source source, Path out) {
        List<String> command = base(1);
        command.addAll(List.of("-d", out.getParent().toString(), "-o", out.getFileName().toString(), source.url()));
        return command;
    }

    @Override
    List<String> many(List<Source> sources, Path dir, Path listFile, int parallel) throws IOException {
        StringBuilder input = new StringBuilder();
        for (Source s : sources) {
            input.append(s.url()).append("\n  out=").append(s.name()).append('\n');
        }
        Files.writeString(listFile, input);
        List<String> command = base(parallel);
        command.addAll(List.of("-d", dir.toString(), "--input-file=" + listFile));
        return command;
    }

    @Override
    List<String> capped(Source source, Path out, long bytesPerSecond) {
        List<String> command = one(source, out);
        // no write cache: the file grows as bytes arrive, so its size measures the rate
        command.addAll(1, List.of("--max-overall-download-limit=" + bytesPerSecond, "--disk-cache=0"));
        return command;
    }

    @Override
    String oneNote() {
        return "aria2c -x1 --file-allocation=none -d DIR -o FILE URL";
    }

    @Override
    String manyNote(int parallel) {
        return "aria2c -j" + parallel + " -x1 --file-allocation=none --input-file LIST";
    }

    @Override
    String cappedNote(long bytesPerSecond) {
        return "aria2c --max-overall-download-limit=" + bytesPerSecond + " --disk-cache=0 -x1 -o FILE URL";
    }

    private static List<String> base(int parallel) {
        return new ArrayList<>(List.of("aria2c", "-q", "-j" + parallel, "-x1", "--allow-overwrite=true",
                "--auto-file-renaming=false", "--console-log-level=error", "--summary-interval=0",
                "--file-allocation=none"));
    }
}
