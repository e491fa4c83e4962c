package org.qmgr.engine.internal;

import org.qmgr.api.Win32Results;

/**
 * Names a transfer failure by kind for logs and the JMX error counters: {@code HTTP_<status>} when the server
 * (or proxy) answered with an error status, else the Win32 result's constant name such as
 * {@code ERROR_INTERNET_CANNOT_CONNECT} or {@code ERROR_PATH_NOT_FOUND}.
 */
final class ErrorKinds {

    private ErrorKinds() {
    }

    /**
     * @param win32Result     the group's Win32 result (spec §4.10)
     * @param transportResult the HTTP status, or 0
     * @return the kind, never {@code null}
     */
    static String of(int win32Result, int transportResult) {
        if (transportResult != 0 && win32Result == Win32Results.ERROR_SUCCESS) {
            return "HTTP_" + transportResult;
        }
        String name = Win32Results.name(win32Result);
        // name() falls back to the number: keep the kind an identifier.
        return Character.isDigit(name.charAt(0)) || name.charAt(0) == '-' ? "WIN32_" + name : name;
    }
}
