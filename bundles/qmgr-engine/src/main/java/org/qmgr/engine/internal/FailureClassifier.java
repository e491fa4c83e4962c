package org.qmgr.engine.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Set;

import org.qmgr.api.Win32Results;
import org.qmgr.spi.transport.TransportException;

/** Maps transport and local I/O failures to Win32/transport results and transient or fatal (spec §1.8, §4.10). */
final class FailureClassifier {

    /** HTTP statuses that may clear up by themselves. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    private FailureClassifier() {
    }

    static TransferFailure fromTransport(TransportException e) {
        String msg = e.getMessage();
        return switch (e.kind()) {
            case HTTP_STATUS -> new TransferFailure(Win32Results.ERROR_SUCCESS, e.httpStatus(),
                    TRANSIENT_STATUSES.contains(e.httpStatus()), msg, e,
                    RetryAfter.honoured(e.httpStatus(), e.retryAfter()));
            case NAME_NOT_RESOLVED -> transientFailure(Win32Results.ERROR_INTERNET_NAME_NOT_RESOLVED, e);
            case CANNOT_CONNECT -> transientFailure(Win32Results.ERROR_INTERNET_CANNOT_CONNECT, e);
            case TIMEOUT -> transientFailure(Win32Results.ERROR_INTERNET_TIMEOUT, e);
            case CONNECTION_ABORTED, OTHER -> transientFailure(Win32Results.ERROR_INTERNET_CONNECTION_ABORTED, e);
            case CONNECTION_RESET -> transientFailure(Win32Results.ERROR_INTERNET_CONNECTION_RESET, e);
            case INVALID_RESPONSE -> new TransferFailure(Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE,
                    e.httpStatus(), true, msg, e);
            case SECURE_FAILURE -> new TransferFailure(Win32Results.ERROR_WINHTTP_SECURE_FAILURE, 0, false, msg, e);
            case TOO_MANY_REDIRECTS, UNSUPPORTED -> new TransferFailure(
                    Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, e.httpStatus(), false, msg, e);
            case ABORTED -> throw new IllegalStateException("an abort is not a failure", e);
        };
    }

    private static TransferFailure transientFailure(int win32, TransportException e) {
        return new TransferFailure(win32, 0, true, e.getMessage(), e);
    }

    /** A local file-system failure: fatal except a destination locked at commit time and a full disk. */
    static TransferFailure fromLocal(IOException e, String what) {
        String msg = what + ": " + e;
        if (e instanceof NoSuchFileException) {
            return new TransferFailure(Win32Results.ERROR_PATH_NOT_FOUND, 0, false, msg, e);
        }
        if (e instanceof AccessDeniedException) {
            return new TransferFailure(Win32Results.ERROR_ACCESS_DENIED, 0, false, msg, e);
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("No space left") || text.contains("Disk quota exceeded")) {
            // Transient, unlike spec §4.10: space comes back (logs rotate, another download commits and is
            // moved away), and a group that waits and continues from its checkpoint needs nobody to act. The
            // no-progress timeout still ends it in ERROR; diskFullIsFatal restores the spec's class.
            return new TransferFailure(Win32Results.ERROR_DISK_FULL, 0, true, msg, e);
        }
        if (text.contains("Too many levels of symbolic links")) {
            // ELOOP from opening with NOFOLLOW_LINKS: a symbolic link where the temp file belongs.
            return new TransferFailure(Win32Results.ERROR_ACCESS_DENIED, 0, false, msg, e);
        }
        if (e instanceof FileSystemException && text.contains("being used by another process")) {
            return new TransferFailure(Win32Results.ERROR_SHARING_VIOLATION, 0, true, msg, e);
        }
        return new TransferFailure(Win32Results.ERROR_WRITE_FAULT, 0, false, msg, e);
    }
}
