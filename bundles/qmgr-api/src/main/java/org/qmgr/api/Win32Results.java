package org.qmgr.api;

import java.util.Map;

/**
 * The Win32 codes reported as a job's {@code win32Result} (§4.10, A-14). Java has no Win32 errors, so the
 * engine maps each failure condition to one of these fixed values.
 */
public final class Win32Results {

    /** No Win32 error; used with an HTTP error status in {@code transportResult} (§4.10). */
    public static final int ERROR_SUCCESS = 0;
    /** Local directory missing (§4.10). Fatal. */
    public static final int ERROR_PATH_NOT_FOUND = 3;
    /** Local access denied (§4.10). Fatal. */
    public static final int ERROR_ACCESS_DENIED = 5;
    /** Any other local I/O error (§4.10). Fatal. */
    public static final int ERROR_WRITE_FAULT = 29;
    /** Data error: the file's SHA-256 differs from the expected one (spec P12). Fatal. */
    public static final int ERROR_CRC = 23;
    /** Destination locked at commit (§4.10). Transient. */
    public static final int ERROR_SHARING_VIOLATION = 32;
    /** Disk full (§4.10). Fatal. */
    public static final int ERROR_DISK_FULL = 112;
    /** Connect or read timeout (§4.10). Transient. */
    public static final int ERROR_INTERNET_TIMEOUT = 12002;
    /** Host name could not be resolved (§4.10). Transient. */
    public static final int ERROR_INTERNET_NAME_NOT_RESOLVED = 12007;
    /** Connection refused or unreachable (§4.10). Transient. */
    public static final int ERROR_INTERNET_CANNOT_CONNECT = 12029;
    /** Connection aborted mid-transfer (§4.10). Transient. */
    public static final int ERROR_INTERNET_CONNECTION_ABORTED = 12030;
    /** Connection reset mid-transfer (§4.10). Transient. */
    public static final int ERROR_INTERNET_CONNECTION_RESET = 12031;
    /** Malformed or unusable response, or too many redirects (§4.10). */
    public static final int ERROR_HTTP_INVALID_SERVER_RESPONSE = 12152;
    /** TLS or certificate failure (§4.10). Fatal. */
    public static final int ERROR_WINHTTP_SECURE_FAILURE = 12175;

    private static final Map<Integer, String> NAMES = HResults.constantNames(Win32Results.class);

    private Win32Results() {
    }

    /**
     * The symbolic name of a code defined in this class (e.g. {@code "ERROR_DISK_FULL"}), otherwise the decimal
     * number as text. Never {@code null}.
     *
     * @param win32Result any Win32 code
     * @return the name or the number
     */
    public static String name(int win32Result) {
        String name = NAMES.get(win32Result);
        return name != null ? name : Integer.toString(win32Result);
    }
}
