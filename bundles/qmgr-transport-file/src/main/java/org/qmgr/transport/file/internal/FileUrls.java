package org.qmgr.transport.file.internal;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.Locale;

import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/**
 * Turns a {@code file:} URL into a local path: {@code file:///abs/path}, {@code file:/abs/path} and
 * {@code file://localhost/abs/path} everywhere; {@code file://host/share/path} (UNC) only on Windows.
 */
final class FileUrls {

    /** Whether this JVM runs on Windows, where a host names an SMB share (UNC path). */
    static final boolean WINDOWS = File.separatorChar == '\\';

    private FileUrls() {
    }

    /**
     * @param url     the URL exactly as the client gave it (percent-encoded)
     * @param windows whether host names are UNC shares ({@link #WINDOWS} outside tests)
     * @return the absolute path the URL names, not yet checked against the file system
     * @throws TransportException {@link Kind#UNSUPPORTED} for anything but an absolute, local (or, on Windows,
     *         UNC) {@code file:} URL without query, fragment, user or port
     */
    static Path toPath(String url, boolean windows) throws TransportException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw unsupported("malformed file URL", url);
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("file")) {
            throw unsupported("not a file URL", url);
        }
        if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw unsupported("file URL has no absolute path", url);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // A '?' or '#' in a file name must be percent-encoded; as URL syntax it means nothing for a file.
            throw unsupported("file URL must not have a query or fragment (encode '?' as %3F, '#' as %23)", url);
        }
        String authority = uri.getRawAuthority();
        boolean local = authority == null || authority.isEmpty() || authority.equalsIgnoreCase("localhost");
        if (!local && (uri.getHost() == null || uri.getUserInfo() != null || uri.getPort() >= 0)) {
            throw unsupported("file URL may name a host, but no user or port", url);
        }
        if (!local && !windows) {
            throw unsupported("file URL names host '" + uri.getHost() + "'; on this system only local files can be "
                    + "read (file:///path or file://localhost/path; mount the share and use its local path)", url);
        }
        try {
            // Rebuilt without "localhost", which the default file system provider rejects as an authority.
            URI target = local ? new URI("file", null, uri.getPath(), null) : uri;
            return Path.of(target);
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new TransportException(Kind.UNSUPPORTED, "file URL does not name a valid path of this system: "
                    + TransportException.withoutUserInfo(url), e);
        }
    }

    private static TransportException unsupported(String what, String url) {
        return new TransportException(Kind.UNSUPPORTED, what + ": " + TransportException.withoutUserInfo(url), null);
    }
}
