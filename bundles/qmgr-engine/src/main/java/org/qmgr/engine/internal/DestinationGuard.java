package org.qmgr.engine.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Checks again, right before a temp file is opened and right before it is renamed onto the local path, that the
 * path still leads where {@code addFiles} confined it (P9). A group may wait days between the two: a directory
 * swapped for a symbolic link in the meantime (say {@code /srv/in/alice} for a link to {@code /etc}) must not
 * carry the download out of the allowed roots, a user's download directory or into the host installation.
 *
 * <p>What is checked is the path's real parent directory, with the settings of the moment:
 * <ul>
 *   <li>not inside Karaf's {@code etc}, {@code deploy}, {@code system}, {@code lib}, {@code bin};</li>
 *   <li>inside {@code allowedLocalRoots}, when set;</li>
 *   <li>for a group owned by a user, a path written inside one of the user's download directories
 *       ({@code userLocalRoots}) still really is inside it. Whether the owner was confined at all (an
 *       administrator is not) is not known at transfer time, so only a path that claims to be inside such a
 *       directory is held to it.</li>
 * </ul>
 * The temp file itself is opened without following a symbolic link ({@link LocalDisk}), so a link planted under
 * the temp file's predictable name cannot redirect the bytes either.
 */
final class DestinationGuard {

    private final Supplier<EngineSettings> settings;

    DestinationGuard(Supplier<EngineSettings> settings) {
        this.settings = settings;
    }

    /**
     * @param local the file's local path, as the client gave it
     * @param owner the group's owner
     * @throws AccessDeniedException when the path now leads out of its confinement (ERROR_ACCESS_DENIED, fatal)
     * @throws java.nio.file.NoSuchFileException when its directory is gone (ERROR_PATH_NOT_FOUND)
     */
    void check(Path local, String owner) throws IOException {
        Path parent = local.getParent();
        if (parent == null) {
            return;
        }
        Path real = parent.toRealPath();
        EngineSettings s = settings.get();
        String refusal = s.refusalOf(real);
        if (refusal != null) {
            throw denied(local, "its directory now leads to " + real + ", " + refusal);
        }
        if (Caller.isUser(owner)) {
            Path given = parent.normalize();
            for (Path root : s.userRoots().rootsOf(owner)) {
                if (given.startsWith(root) && !real.startsWith(EngineSettings.realOrNormal(root))) {
                    throw denied(local, "its directory now leads out of the download directory " + root + " to "
                            + real);
                }
            }
        }
    }

    private static AccessDeniedException denied(Path local, String why) {
        return new AccessDeniedException(local.toString(), null, why);
    }
}
