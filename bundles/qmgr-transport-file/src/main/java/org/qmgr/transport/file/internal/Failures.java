package org.qmgr.transport.file.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/**
 * Maps what the file system says to {@link TransportException}s the engine already understands: a missing
 * file is a permanent 404 and a refused one a permanent 403 (as an HTTP origin would answer), anything else
 * an I/O failure that may clear up (a share coming back), so it is retried.
 */
final class Failures {

    /** The permanent "not found" of a file, mapped by the engine like an HTTP 404. */
    static final int NOT_FOUND = 404;
    /** The permanent "not readable" of a file, mapped by the engine like an HTTP 403. */
    static final int FORBIDDEN = 403;

    private Failures() {
    }

    /**
     * @param e    what the file system threw while locating, inspecting or opening {@code path}
     * @param path the file
     * @param url  its URL, for the message
     * @return the exception to throw
     */
    static TransportException of(IOException e, Path path, String url) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException || notADirectory(e)) {
            return status(NOT_FOUND, "no such file: " + path, url, e);
        }
        if (e instanceof AccessDeniedException) {
            return status(FORBIDDEN, "permission denied reading " + path, url, e);
        }
        return ioError("cannot read " + path + " (" + e + ")", url, e);
    }

    /** A permanent refusal, like an HTTP 403. */
    static TransportException forbidden(String what, String url) {
        return status(FORBIDDEN, what, url, null);
    }

    /** An I/O failure worth a retry (a share or disk may come back). */
    static TransportException ioError(String what, String url, IOException cause) {
        return new TransportException(Kind.OTHER, what + ": " + safe(url), cause);
    }

    /** The source changed or shrank under a read: transient, and the retry's If-Range restarts the file. */
    static TransportException changed(String what, String url) {
        return new TransportException(Kind.CONNECTION_ABORTED, what + ": " + safe(url), null);
    }

    /** The response was aborted or closed, or its reader was interrupted. */
    static TransportException aborted(String url) {
        return new TransportException(Kind.ABORTED, "transfer aborted: " + safe(url), null);
    }

    private static TransportException status(int status, String what, String url, Throwable cause) {
        return new TransportException(Kind.HTTP_STATUS, status, null, what + " (" + safe(url) + ")", cause);
    }

    /** ENOTDIR: a component of the path is a file, so the file named cannot exist. */
    private static boolean notADirectory(IOException e) {
        return e instanceof FileSystemException fse && "Not a directory".equals(fse.getReason());
    }

    private static String safe(String url) {
        return TransportException.withoutUserInfo(url);
    }
}
