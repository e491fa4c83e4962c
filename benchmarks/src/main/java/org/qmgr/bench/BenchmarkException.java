package org.qmgr.bench;

/** A benchmark run that could not produce a trustworthy figure (e.g. the restarted queue was incomplete). */
public final class BenchmarkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line saying what was wrong */
    public BenchmarkException(String message) {
        super(message);
    }

    /**
     * @param message one line saying what was wrong
     * @param cause   the underlying failure
     */
    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
