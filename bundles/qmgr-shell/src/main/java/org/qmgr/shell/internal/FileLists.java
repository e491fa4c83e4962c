package org.qmgr.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.qmgr.api.FileSetInfo;

/**
 * Reads the list file of {@code qmgr:file-add --list}: one {@code URL PATH} per line (the path is the rest of the
 * line, so it may contain spaces); blank lines and lines starting with {@code #} are skipped. A malformed line
 * fails the whole list, naming its line number, so nothing is added.
 */
final class FileLists {

    private FileLists() {
    }

    static List<FileSetInfo> parse(List<String> lines) {
        List<FileSetInfo> files = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'URL PATH', got '"
                        + Texts.clip(line, 80) + "'");
            }
            files.add(new FileSetInfo(parts[0], parts[1]));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the list has no 'URL PATH' line");
        }
        return files;
    }
}
