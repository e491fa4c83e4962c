package org.qmgr.shell.internal.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits Karaf's {@code etc/keys.properties} ({@code user=<base64 SSH public key>,<role or _g_:group>,…}, re-read by
 * the PublickeyLoginModule at every login) line by line, so comments, groups and other users stay as they are.
 */
final class KeysProperties {

    private final Path file;

    KeysProperties(Path file) {
        this.file = file;
    }

    /**
     * Makes {@code user} log in with {@code publicKey}. An entry that already has this key is left alone (with
     * whatever roles an administrator gave it); otherwise the user's entry is replaced by {@code user=key,roles}.
     *
     * @return whether the file was changed
     */
    boolean authorize(String user, String publicKey, String roles) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        List<String> kept = new ArrayList<>(lines.size() + 1);
        List<String> entries = new ArrayList<>(1);
        boolean continuation = false;
        boolean skipping = false;
        for (String line : lines) {
            if (!continuation) {
                String value = isComment(line) ? null : valueOf(line, user);
                skipping = value != null;
                if (skipping) {
                    entries.add(value);
                }
            }
            continuation = (continuation || !isComment(line)) && endsInOddBackslashes(line);
            if (!skipping) {
                kept.add(line);
            }
        }
        if (entries.size() == 1 && keyOf(entries.get(0)).equals(publicKey)) {
            return false;
        }
        kept.add(user + " = " + publicKey + "," + roles);
        write(kept);
        return true;
    }

    /** @return the value of the entry on this line if it is {@code user}'s, else null */
    private static String valueOf(String line, String user) {
        String trimmed = line.stripLeading();
        if (!trimmed.startsWith(user)) {
            return null;
        }
        String rest = trimmed.substring(user.length()).stripLeading();
        if (rest.startsWith("=") || rest.startsWith(":")) {
            return rest.substring(1).strip();
        }
        return null;
    }

    private static String keyOf(String value) {
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).strip();
    }

    private static boolean isComment(String line) {
        String trimmed = line.stripLeading();
        return trimmed.startsWith("#") || trimmed.startsWith("!");
    }

    /** A properties line continues on the next one when it ends in an odd number of backslashes. */
    private static boolean endsInOddBackslashes(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private void write(List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".keys", ".tmp");
        try {
            Files.write(temp, lines, StandardCharsets.ISO_8859_1);
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Files.setPosixFilePermissions(temp, Files.exists(file)
                        ? posix.readAttributes().permissions() : PosixFilePermissions.fromString("rw-r--r--"));
            }
            RsaKeyFile.moveOver(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
