package org.qmgr.engine.internal;

import java.time.Duration;

/**
 * Why a file transfer failed, already mapped to the spec's result pair and class (§1.8, §4.10).
 * Thrown inside the engine only; the group records it and moves to RETRY_WAIT or ERROR.
 */
final class TransferFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int win32Result;
    private final int transportResult;
    private final boolean transientError;
    private final Duration retryAfter;

    TransferFailure(int win32Result, int transportResult, boolean transientError, String message, Throwable cause) {
        this(win32Result, transportResult, transientError, message, cause, null);
    }

    /**
     * @param retryAfter the server's wait before a retry as the engine honours it ({@link RetryAfter#honoured}),
     *                   or {@code null}
     */
    TransferFailure(int win32Result, int transportResult, boolean transientError, String message, Throwable cause,
                    Duration retryAfter) {
        super(message, cause);
        this.win32Result = win32Result;
        this.transportResult = transportResult;
        this.transientError = transientError;
        this.retryAfter = retryAfter;
    }

    static TransferFailure fatal(int win32Result, int transportResult, String message) {
        return new TransferFailure(win32Result, transportResult, false, message, null);
    }

    static TransferFailure transientFailure(int win32Result, int transportResult, String message) {
        return new TransferFailure(win32Result, transportResult, true, message, null);
    }

    int win32Result() {
        return win32Result;
    }

    int transportResult() {
        return transportResult;
    }

    boolean isTransient() {
        return transientError;
    }

    /** @return how long the server asked to wait before a retry, already capped, or {@code null} */
    Duration retryAfter() {
        return retryAfter;
    }
}
