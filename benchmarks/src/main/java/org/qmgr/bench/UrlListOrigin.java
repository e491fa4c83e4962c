package org.qmgr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * URLs of any server, read from {@code --origin-url-list FILE}: one {@code KIND URL} per line ({@code #}
 * comments and blank lines skipped), KIND one of {@code 1g 4k 64k cap fg}. Sizes are not known beforehand:
 * the files qmgr commits set the sizes the peers' files are checked against.
 */
final class UrlListOrigin implements Origin {

    static final List<String> KINDS = List.of("1g", "4k", "64k", "cap", "fg");

    private final Path file;
    private final Map<String, List<String>> urls = new LinkedHashMap<>();

    /**
     * @param file the list
     * @throws UsageException when it cannot be read or a line is not {@code KIND URL}
     */
    UrlListOrigin(Path file) {
        this.file = file;
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException("cannot read the URL list " + file + ": " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length != 2 || !KINDS.contains(words[0]) || !words[1].matches("(?i)https?://.+")) {
                throw new UsageException(file + " line " + (i + 1) + ": expected 'KIND URL' with KIND one of "
                        + KINDS + " and an http(s) URL, not '" + line + "'");
            }
            urls.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words[1]);
        }
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("URL list " + file + ":");
        urls.forEach((kind, list) -> b.append(' ').append(list.size()).append(" x ").append(kind));
        return b.toString();
    }

    @Override
    public List<Source> sources(String kind, int count, long size) {
        List<String> list = urls.getOrDefault(kind, List.of());
        if (list.isEmpty()) {
            throw new UsageException("the URL list " + file + " has no line of kind '" + kind + "'");
        }
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < Math.min(count, list.size()); i++) {
            sources.add(new Source(list.get(i), String.format("%s-%05d.bin", kind, i), -1));
        }
        return sources;
    }

    @Override
    public String check(Source source, Path file) {
        try {
            long actual = Files.size(file);
            return source.size() < 0 || actual == source.size() ? null
                    : file.getFileName() + " has " + actual + " bytes, not " + source.size();
        } catch (IOException e) {
            return file.getFileName() + " is missing";
        }
    }

    @Override
    public void close() {
        // nothing was started
    }
}
