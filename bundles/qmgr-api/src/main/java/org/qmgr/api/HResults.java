package org.qmgr.api;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * The HRESULT values of the QMGR contract (§4.5) and the related BITS codes (§4.9), as signed Java {@code int}s.
 *
 * <p>Every {@link QmgrException} carries one of these in {@link QmgrException#hresult()}.
 */
public final class HResults {

    /** Success (§4.5). */
    public static final int S_OK = 0;
    /** Success with a short result; only enumerators (§2.0, §4.5). */
    public static final int S_FALSE = 1;

    /** {@code QM_E_INVALID_STATE}: operation not allowed in the current state (§1.7, §4.5). */
    public static final int QM_E_INVALID_STATE = 0x81001001;
    /** {@code QM_E_SERVICE_UNAVAILABLE}: the service is stopped or stopping (§4.5, A-33). */
    public static final int QM_E_SERVICE_UNAVAILABLE = 0x81001002;
    /** {@code QM_E_DOWNLOADER_UNAVAILABLE}: no usable transport (§4.5, A-33). */
    public static final int QM_E_DOWNLOADER_UNAVAILABLE = 0x81001003;
    /** {@code QM_E_ITEM_NOT_FOUND}: unknown group, job or file index (§4.5). */
    public static final int QM_E_ITEM_NOT_FOUND = 0x81001004;

    /** Not implemented (§4.5). */
    public static final int E_NOTIMPL = 0x80004001;
    /** Interface not supported (§4.5). */
    public static final int E_NOINTERFACE = 0x80004002;
    /** Invalid pointer; raw layer only (§4.5). */
    public static final int E_POINTER = 0x80004003;
    /** Unspecified failure (§4.5). */
    public static final int E_FAIL = 0x80004005;
    /** Access denied (§4.5). */
    public static final int E_ACCESSDENIED = 0x80070005;
    /** Out of memory (§4.5). */
    public static final int E_OUTOFMEMORY = 0x8007000E;
    /** Invalid argument (§4.5). */
    public static final int E_INVALIDARG = 0x80070057;
    /** {@code HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND)}: a local directory is missing (§4.5, A-23). */
    public static final int E_PATH_NOT_FOUND = 0x80070003;
    /** {@code REGDB_E_CLASSNOTREG}: no callback provider for a notify CLSID (§4.5, A-32). */
    public static final int REGDB_E_CLASSNOTREG = 0x80040154;

    /** BITS: the requested item was not found (§4.9). */
    public static final int BG_E_NOT_FOUND = 0x80200001;
    /** BITS: operation not allowed in the job's state (§4.9). */
    public static final int BG_E_INVALID_STATE = 0x80200002;
    /** BITS: the job holds no files (§4.9). */
    public static final int BG_E_EMPTY = 0x80200003;
    /** BITS: the server did not report the file size (§1.10, §4.9). */
    public static final int BG_E_MISSING_FILE_SIZE = 0x80200011;
    /** BITS: the server lacks the required HTTP support (§1.10, §4.9). */
    public static final int BG_E_INSUFFICIENT_HTTP_SUPPORT = 0x80200012;
    /** BITS: the server does not honour Range requests (§1.10, §4.9). */
    public static final int BG_E_INSUFFICIENT_RANGE_SUPPORT = 0x80200013;
    /** BITS: the per-user group limit is reached (§4.9, §4.11). */
    public static final int BG_E_TOO_MANY_JOBS_PER_USER = 0x80200049;
    /** BITS: the per-machine group limit is reached (§4.9, §4.11). */
    public static final int BG_E_TOO_MANY_JOBS_PER_MACHINE = 0x80200050;
    /** BITS: the per-job file limit is reached (§4.9, §4.11). */
    public static final int BG_E_TOO_MANY_FILES_IN_JOB = 0x80200051;
    /** BITS success code: some files were transferred (§4.9). */
    public static final int BG_S_PARTIAL_COMPLETE = 0x00200017;
    /** BITS success code: temporary files could not be deleted (§4.9). */
    public static final int BG_S_UNABLE_TO_DELETE_FILES = 0x0020001A;

    private static final int HTTP_BASE = 0x80190000;
    private static final Map<Integer, String> NAMES = constantNames(HResults.class);

    private HResults() {
    }

    /**
     * The BITS-style HRESULT for an HTTP status: {@code 0x80190000 + status} (e.g. 404 → {@code 0x80190194}), §4.9.
     *
     * @param status the HTTP status code, 0..65535
     * @return the HRESULT
     * @throws QmgrInvalidArgumentException if {@code status} does not fit the 16-bit code field
     */
    public static int fromHttpStatus(int status) {
        if (status < 0 || status > 0xFFFF) {
            throw new QmgrInvalidArgumentException("HTTP status out of range: " + status);
        }
        return HTTP_BASE + status;
    }

    /**
     * The symbolic name of an HRESULT defined in this class (e.g. {@code "QM_E_INVALID_STATE"};
     * {@code HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND)} is named {@code "E_PATH_NOT_FOUND"}), otherwise its
     * {@linkplain #hex(int) hex form}. Never {@code null}.
     *
     * @param hresult any HRESULT
     * @return the name or hex text
     */
    public static String name(int hresult) {
        String name = NAMES.get(hresult);
        return name != null ? name : hex(hresult);
    }

    /**
     * The HRESULT as eight upper-case hex digits with a {@code 0x} prefix, as the spec writes them
     * (e.g. {@code "0x81001001"}).
     *
     * @param hresult any HRESULT
     * @return the hex text, never {@code null}
     */
    public static String hex(int hresult) {
        return String.format("0x%08X", hresult);
    }

    /** Maps the value of every {@code public static final int} field of {@code type} to the field's name. */
    static Map<Integer, String> constantNames(Class<?> type) {
        Map<Integer, String> names = new HashMap<>();
        for (Field f : type.getFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod) && Modifier.isFinal(mod) && f.getType() == int.class) {
                try {
                    names.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("public constant not readable: " + f, e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
