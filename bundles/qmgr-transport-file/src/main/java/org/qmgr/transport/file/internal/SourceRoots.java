package org.qmgr.transport.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/**
 * Which source files may be read: under one of the allowed roots (any, when none is configured), and never
 * under the host's own {@code etc/} or {@code data/}, which hold credentials (users, keystores, the queue
 * database with server passwords) that a download would hand to whoever asked for it.
 */
final class SourceRoots {

    private final List<Path> allowed;
    private final List<Path> refused;

    private SourceRoots(List<Path> allowed, List<Path> refused) {
        this.allowed = List.copyOf(allowed);
        this.refused = List.copyOf(refused);
    }

    /**
     * @param configured the {@code allowedRoots} entries, each possibly comma-separated; blanks are ignored
     * @param properties system properties ({@code karaf.home}, {@code karaf.base}, {@code karaf.etc},
     *                   {@code karaf.data}) locating the host directories to refuse
     * @return the policy
     * @throws IllegalArgumentException when an entry is not an absolute path
     */
    static SourceRoots of(String[] configured, UnaryOperator<String> properties) {
        List<Path> allowed = new ArrayList<>();
        for (String entry : configured == null ? new String[0] : configured) {
            // A .cfg value reaches DS as one string: split it here, as the cfg file documents.
            for (String root : entry.split(",")) {
                if (!root.isBlank()) {
                    allowed.add(absolute(root.trim()));
                }
            }
        }
        List<Path> refused = new ArrayList<>();
        for (String home : new String[] {properties.apply("karaf.home"), properties.apply("karaf.base")}) {
            if (home != null && !home.isBlank()) {
                refused.add(Path.of(home, "etc").toAbsolutePath().normalize());
                refused.add(Path.of(home, "data").toAbsolutePath().normalize());
            }
        }
        for (String dir : new String[] {properties.apply("karaf.etc"), properties.apply("karaf.data")}) {
            if (dir != null && !dir.isBlank()) {
                refused.add(Path.of(dir).toAbsolutePath().normalize());
            }
        }
        return new SourceRoots(allowed, refused);
    }

    private static Path absolute(String root) {
        Path path;
        try {
            path = Path.of(root);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("allowedRoots entry is not a path: " + root);
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("allowedRoots entry is not an absolute path: " + root);
        }
        return path.normalize();
    }

    /** @return the allowed roots as configured (normalized); empty means any */
    List<Path> allowed() {
        return allowed;
    }

    /**
     * Checks the path as written, before the file system is asked anything, so that a file outside the roots
     * gets the same answer whether it exists or not.
     *
     * @param path an absolute path
     * @param url  the URL, for the message
     * @throws TransportException a 403 {@link Kind#HTTP_STATUS} when the path is not readable by policy
     */
    void checkNamed(Path path, String url) throws TransportException {
        check(path.toAbsolutePath().normalize(), url);
    }

    /**
     * Checks where the path really leads, after symbolic links, so a link inside a root cannot reach outside.
     *
     * @param path an existing path
     * @param url  the URL, for the message
     * @throws TransportException a 403 when the real path is not readable by policy, or an I/O failure
     */
    void checkReal(Path path, String url) throws TransportException {
        if (allowed.isEmpty() && refused.isEmpty()) {
            return;
        }
        try {
            check(path.toRealPath(), url);
        } catch (IOException e) {
            throw Failures.of(e, path, url);
        }
    }

    private void check(Path path, String url) throws TransportException {
        for (Path dir : refused) {
            if (under(path, dir)) {
                throw Failures.forbidden(path + " is inside the host's own " + dir.getFileName() + " directory", url);
            }
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(root -> under(path, root))) {
            throw Failures.forbidden(path + " is outside the allowed source roots " + allowed, url);
        }
    }

    /** Compares with the root as written and as resolved: a root may itself be (or lie under) a link. */
    private static boolean under(Path path, Path root) {
        if (path.startsWith(root)) {
            return true;
        }
        try {
            return Files.exists(root) && path.startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
