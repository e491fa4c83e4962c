package org.qmgr.engine.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.qmgr.api.FileSetInfo;
import org.qmgr.api.HResults;
import org.qmgr.api.Protocol;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.QmgrLimitExceededException;
import org.qmgr.api.QmgrPathNotFoundException;

/**
 * Validates an {@code addFiles} batch, entry by entry in the order of spec §2.3.4 (with P8 schemes and P9
 * confinement), before anything is stored: all or nothing.
 */
final class FileSetValidator {

    /** RFC 3986 characters; no whitespace, controls, quotes, angle brackets, braces or backslashes. */
    private static final Pattern URI_CHARS = Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final EngineSettings settings;
    /**
     * Parent directories (as given) already found to exist, confined and writable in this batch, with their
     * real paths: a batch of 100,000 files into one directory probes it once, not 100,000 times.
     */
    private final Map<Path, Path> checkedParents = new HashMap<>();

    /**
     * The directories the caller is confined to by {@code userLocalRoots} (real paths where they exist), or
     * {@code null} when the caller is not confined by them: a bundle, an administrator, or no caller at all.
     */
    private final List<Path> userRoots;
    private final String user;

    /** A validator for an engine-internal caller, confined only by the settings every caller is. */
    FileSetValidator(EngineSettings settings) {
        this(settings, null);
    }

    /** @param caller who adds the files; {@code null} for the engine itself */
    FileSetValidator(EngineSettings settings, Caller caller) {
        this.settings = settings;
        boolean confined = caller != null && caller.user() && !caller.admin() && settings.userRoots().confines();
        this.user = confined ? caller.identity() : null;
        this.userRoots = confined ? settings.userRoots().rootsOf(caller.identity()) : null;
    }

    /**
     * @param files          the batch
     * @param protocol       the group's protocol family; {@code null} when the group is gone (any scheme passes,
     *                       so that only malformed input is reported before the cancelled state)
     * @param existingLocals local paths already in the job
     * @param existingCount  files already in the job
     * @return the batch with local paths as given (validated)
     */
    List<FileSetInfo> validate(List<FileSetInfo> files, Protocol protocol, Set<String> existingLocals,
                               int existingCount) {
        if (files == null) {
            throw new QmgrInvalidArgumentException("files must not be null");
        }
        Set<String> locals = new HashSet<>(existingLocals);
        List<FileSetInfo> accepted = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            FileSetInfo f = files.get(i);
            if (f == null) {
                throw new QmgrInvalidArgumentException("entry " + i + " is null");
            }
            checkRemote(f.remoteFile(), protocol);
            checkLocal(f.localFile());
            if (!locals.add(duplicateKey(f.localFile()))) {
                throw new QmgrInvalidArgumentException("local path appears twice in the job: " + printable(f.localFile()));
            }
            if (f.expectedSha256() != null && !SHA256.matcher(f.expectedSha256()).matches()) {
                throw new QmgrInvalidArgumentException("expected SHA-256 is not 64 hex digits: "
                        + printable(f.expectedSha256()));
            }
            accepted.add(f);
        }
        int max = settings.maxFilesPerJob();
        if (max > 0 && existingCount + files.size() > max) {
            throw new QmgrLimitExceededException(HResults.BG_E_TOO_MANY_FILES_IN_JOB,
                    "a job may hold " + max + " files; it has " + existingCount + " and " + files.size() + " were added");
        }
        return accepted;
    }

    /** The form in which two local paths of one job are compared. */
    static String duplicateKey(String localPath) {
        return Path.of(localPath).normalize().toString();
    }

    void checkRemote(String remote, Protocol protocol) {
        if (remote == null || remote.isEmpty()) {
            throw new QmgrInvalidArgumentException("remote file name is empty");
        }
        if (remote.length() > settings.maxRemoteUrlLength()) {
            throw new QmgrInvalidArgumentException("remote URL is longer than " + settings.maxRemoteUrlLength()
                    + " characters (" + remote.length() + ")");
        }
        if (!URI_CHARS.matcher(remote).matches()) {
            throw new QmgrInvalidArgumentException("remote URL has characters not allowed in a URI: " + printable(remote));
        }
        URI uri;
        try {
            uri = new URI(remote);
        } catch (URISyntaxException e) {
            throw new QmgrInvalidArgumentException("remote URL is malformed: " + printable(remote));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !allowed(protocol, scheme)) {
            throw new QmgrInvalidArgumentException("unsupported protocol for " + (protocol == null ? "the" : protocol)
                    + " group: " + printable(remote));
        }
        if ((scheme.equals("http") || scheme.equals("https")) && (uri.getHost() == null || uri.getHost().isEmpty())) {
            throw new QmgrInvalidArgumentException("remote URL has no host: " + printable(remote));
        }
        if (uri.getPort() > 65535) {
            // java.net.URI parses any number of digits as a port; the transfer would only fail later, as an error.
            throw new QmgrInvalidArgumentException("remote URL has a port out of range: " + printable(remote));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.contains("*")) {
            throw new QmgrInvalidArgumentException("remote URL has a wildcard: " + printable(remote));
        }
    }

    private static boolean allowed(Protocol protocol, String scheme) {
        if (protocol == null) {
            return !scheme.isEmpty();
        }
        if (protocol == Protocol.CUSTOM) {
            return !scheme.isEmpty() && !Set.of("http", "https", "ftp", "ftps", "file").contains(scheme);
        }
        return protocol.schemes().contains(scheme);
    }

    /** Checks one local path; returns it with its parent resolved to the real directory. */
    Path checkLocal(String local) {
        if (local == null || local.isEmpty()) {
            throw new QmgrInvalidArgumentException("local file name is empty");
        }
        if (local.length() > settings.maxLocalPathLength()) {
            throw new QmgrInvalidArgumentException("local path is longer than " + settings.maxLocalPathLength()
                    + " characters (" + local.length() + ")");
        }
        Path path;
        try {
            path = Path.of(local);
        } catch (InvalidPathException e) {
            throw new QmgrInvalidArgumentException("local path is malformed: " + printable(local));
        }
        if (!path.isAbsolute()) {
            throw new QmgrInvalidArgumentException("local path is not absolute: " + printable(local));
        }
        String afterDrive = local.length() > 2 && local.charAt(1) == ':' ? local.substring(2) : local;
        if (local.indexOf('*') >= 0 || local.indexOf('?') >= 0 || afterDrive.indexOf(':') >= 0
                || local.chars().anyMatch(Character::isISOControl)) {
            throw new QmgrInvalidArgumentException("local path has a wildcard, stream name or control character: "
                    + printable(local));
        }
        Path normal = path.normalize();
        Path name = path.getFileName();
        if (name == null || normal.getFileName() == null || name.toString().equals("..")
                || name.toString().equals(".") || Files.isDirectory(path) || !normal.equals(path) && Files.isDirectory(normal)) {
            throw new QmgrInvalidArgumentException("local path is a directory: " + printable(local));
        }
        Path parent = path.getParent();
        Path realParent = parent == null ? null : checkedParents.get(parent);
        if (realParent == null) {
            Path normalParent = normal.getParent();
            createUserRootFor(normalParent);
            if (normalParent == null || !Files.isDirectory(normalParent)) {
                throw new QmgrPathNotFoundException("directory does not exist: "
                        + printable(normalParent == null ? local : normalParent.toString()));
            }
            realParent = realPath(normalParent);
            checkConfinement(realParent, local);
            // The file is later written through the path as given, and the file system applies a ".." after
            // following symlinks (allowed/link/../f lands beside the link's target, outside): the parent as
            // given, where it resolves at all, must be confined too.
            if (!parent.equals(normalParent) && Files.isDirectory(parent)) {
                checkConfinement(realPath(parent), local);
            }
            probeWritable(realParent);
            checkedParents.put(parent, realParent);
        }
        checkLinkTarget(realParent.resolve(name), local);
        return realParent.resolve(name);
    }

    /**
     * A local name that is already a symbolic link must not point out of the confinement either: a client
     * reading "the downloaded file" through it would read a file outside the allowed roots.
     */
    private void checkLinkTarget(Path file, String local) {
        if (!Files.isSymbolicLink(file)) {
            return;
        }
        Path target;
        try {
            target = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
        } catch (IOException e) {
            throw new QmgrAccessDeniedException("cannot read the symbolic link " + printable(local));
        }
        Path targetParent = target.getParent();
        checkConfinement(targetParent == null || !Files.isDirectory(targetParent) ? target : realPath(targetParent),
                local);
    }

    private void checkConfinement(Path realParent, String local) {
        String refusal = settings.refusalOf(realParent);
        if (refusal != null) {
            throw new QmgrAccessDeniedException("local path is " + refusal + ": " + printable(local));
        }
        if (userRoots != null) {
            if (userRoots.isEmpty()) {
                throw new QmgrAccessDeniedException("no download directory is configured for user "
                        + printable(user) + " (userLocalRoots " + settings.userRoots().templates() + ")");
            }
            if (userRoots.stream().map(EngineSettings::realOrNormal).noneMatch(realParent::startsWith)) {
                throw new QmgrAccessDeniedException("local path is outside your download directories " + userRoots
                        + ": " + printable(local));
            }
        }
    }

    /**
     * Creates the caller's own download directory when a path names a place inside it and it does not exist
     * yet, so a new user need not ask an administrator to make it. Only the root itself: a missing directory
     * below it is the client's to create, as anywhere else (spec §2.3.4, ERROR_PATH_NOT_FOUND).
     */
    private void createUserRootFor(Path normalParent) {
        if (userRoots == null || normalParent == null) {
            return;
        }
        for (Path root : userRoots) {
            if (normalParent.startsWith(root) && !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectories(root);
                } catch (IOException | SecurityException e) {
                    throw new QmgrAccessDeniedException("cannot create the download directory " + root + ": " + e);
                }
            }
        }
    }

    private static void probeWritable(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, "BIT", ".probe");
            Files.deleteIfExists(probe);
        } catch (IOException | SecurityException e) {
            throw new QmgrAccessDeniedException("cannot create files in " + dir);
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new QmgrPathNotFoundException("directory does not exist: " + dir);
        }
    }

    /** Quotes control characters so a message stays on one line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 300));
        s.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.length() > 300 ? b + "…" : b.toString();
    }
}
