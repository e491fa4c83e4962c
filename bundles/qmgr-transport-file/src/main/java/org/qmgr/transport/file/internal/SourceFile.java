package org.qmgr.transport.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.qmgr.spi.transport.TransportException;

/** One source file looked up for a request: its path, its current {@link Validator}, and how to read it. */
final class SourceFile {

    private final String url;
    private final Path path;
    private final Validator validator;

    private SourceFile(String url, Path path, Validator validator) {
        this.url = url;
        this.path = path;
        this.validator = validator;
    }

    /**
     * Locates a regular, readable file for a URL.
     *
     * @param url     the {@code file:} URL
     * @param roots   the read policy
     * @param windows whether host names are UNC shares
     * @return the file with its validator
     * @throws TransportException {@code UNSUPPORTED} for a bad URL; 404 when missing; 403 when refused by
     *         policy or permissions, or not a regular file; {@code OTHER} for other I/O failures
     */
    static SourceFile locate(String url, SourceRoots roots, boolean windows) throws TransportException {
        Path path = FileUrls.toPath(url, windows);
        roots.checkNamed(path, url);
        BasicFileAttributes attributes = attributes(path, url);
        if (attributes.isDirectory()) {
            throw Failures.forbidden(path + " is a directory, not a file", url);
        }
        if (!attributes.isRegularFile()) {
            // Devices and pipes may never end or may block an open: only plain files are transferred.
            throw Failures.forbidden(path + " is not a regular file", url);
        }
        roots.checkReal(path, url);
        return new SourceFile(url, path, Validator.of(attributes));
    }

    /**
     * Opens the file for reading; the caller closes the channel.
     *
     * @return the channel
     * @throws TransportException 404 (deleted since), 403 (permission denied) or {@code OTHER}
     */
    FileChannel open() throws TransportException {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw Failures.of(e, path, url);
        }
    }

    /**
     * Whether the file at the path is still the version located: same size, time and file key.
     *
     * @return {@code true} when unchanged
     * @throws TransportException {@code CONNECTION_ABORTED} when it can no longer be inspected (deleted, moved)
     */
    boolean unchanged() throws TransportException {
        try {
            return Validator.of(Files.readAttributes(path, BasicFileAttributes.class)).equals(validator);
        } catch (IOException e) {
            throw Failures.changed("source vanished while it was read (" + e + ")", url);
        }
    }

    private static BasicFileAttributes attributes(Path path, String url) throws TransportException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw Failures.of(e, path, url);
        }
    }

    String url() {
        return url;
    }

    Path path() {
        return path;
    }

    Validator validator() {
        return validator;
    }
}
