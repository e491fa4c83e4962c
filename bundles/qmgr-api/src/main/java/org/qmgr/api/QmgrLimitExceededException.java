package org.qmgr.api;

/**
 * One of the optional BITS-style queue limits is reached: {@code BG_E_TOO_MANY_JOBS_PER_USER},
 * {@code BG_E_TOO_MANY_JOBS_PER_MACHINE} or {@code BG_E_TOO_MANY_FILES_IN_JOB} (§4.11, §6.3, A-25).
 */
public class QmgrLimitExceededException extends QmgrException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param hresult one of the {@code BG_E_TOO_MANY_*} codes of {@link HResults}
     * @param message the detail, may be {@code null}
     * @throws QmgrInvalidArgumentException if {@code hresult} is not a {@code BG_E_TOO_MANY_*} code
     */
    public QmgrLimitExceededException(int hresult, String message) {
        this(hresult, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param hresult one of the {@code BG_E_TOO_MANY_*} codes of {@link HResults}
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     * @throws QmgrInvalidArgumentException if {@code hresult} is not a {@code BG_E_TOO_MANY_*} code
     */
    public QmgrLimitExceededException(int hresult, String message, Throwable cause) {
        super(checked(hresult), message, cause);
    }

    private static int checked(int hresult) {
        if (hresult != HResults.BG_E_TOO_MANY_JOBS_PER_USER
                && hresult != HResults.BG_E_TOO_MANY_JOBS_PER_MACHINE
                && hresult != HResults.BG_E_TOO_MANY_FILES_IN_JOB) {
            throw new QmgrInvalidArgumentException("not a limit HRESULT: " + HResults.name(hresult));
        }
        return hresult;
    }
}
