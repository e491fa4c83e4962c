package org.qmgr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.qmgr.bench.Origin.Source;

/** curl as a peer: {@code -o} for one file, {@code --parallel} with a {@code --config} list for many. */
final class Curl extends PeerTool {

    @Override
    String name() {
        return "curl";
    }

    @Override
    List<String> one(Source source, Path out) {
        return List.of("curl", "-sS", "-f", "-o", out.toString(), source.url());
    }

    @Override
    List<String> many(List<Source> sources, Path dir, Path listFile, int parallel) throws IOException {
        StringBuilder config = new StringBuilder();
        for (Source s : sources) {
            config.append("url = \"").append(s.url()).append("\"\noutput = \"")
                    .append(dir.resolve(s.name())).append("\"\n");
        }
        Files.writeString(listFile, config);
        return List.of("curl", "--parallel", "--parallel-max", Integer.toString(parallel), "-sS", "-f", "--config",
                listFile.toString());
    }

    @Override
    List<String> capped(Source source, Path out, long bytesPerSecond) {
        return List.of("curl", "-sS", "-f", "--limit-rate", Long.toString(bytesPerSecond), "-o", out.toString(),
                source.url());
    }

    @Override
    String oneNote() {
        return "curl -o FILE URL";
    }

    @Override
    String cappedNote(long bytesPerSecond) {
        return "curl --limit-rate " + bytesPerSecond + " -o FILE URL";
    }

    @Override
    String manyNote(int parallel) {
        return "curl --parallel --parallel-max " + parallel + " --config LIST";
    }
}
