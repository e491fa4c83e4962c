package org.qmgr.api;

/**
 * The failure of a qmgr operation, carrying the HRESULT of the original contract (§6.3). Every API failure is
 * this class or one of its subclasses, one per HRESULT with a specific meaning; {@link #of(int, String)} picks
 * the right one. Success codes are never exceptions.
 *
 * <p>{@link #getMessage()} reads {@code NAME: detail}, e.g.
 * {@code "QM_E_INVALID_STATE: group {…} is cancelled"}. Messages never contain passwords (P4).
 */
public class QmgrException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int hresult;

    /**
     * Creates an exception for a failure HRESULT.
     *
     * @param hresult a failure HRESULT (negative as a Java {@code int})
     * @param message the detail, may be {@code null}
     * @throws QmgrInvalidArgumentException if {@code hresult} is a success code
     */
    public QmgrException(int hresult, String message) {
        this(hresult, message, null);
    }

    /**
     * Creates an exception for a failure HRESULT with a cause.
     *
     * @param hresult a failure HRESULT (negative as a Java {@code int})
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     * @throws QmgrInvalidArgumentException if {@code hresult} is a success code
     */
    public QmgrException(int hresult, String message, Throwable cause) {
        super(message, cause);
        if (hresult >= 0) {
            throw new QmgrInvalidArgumentException("success code " + HResults.name(hresult) + " is not a failure");
        }
        this.hresult = hresult;
    }

    /**
     * The exception matching an HRESULT, per the table of §6.3: {@code QM_E_INVALID_STATE} gives a
     * {@link QmgrInvalidStateException} (without a reason), {@code E_NOTIMPL} a {@link QmgrNotImplementedException},
     * and so on; an HRESULT without a subclass gives a plain {@code QmgrException}.
     *
     * @param hresult a failure HRESULT
     * @param message the detail, may be {@code null}
     * @return the exception, never {@code null}
     * @throws QmgrInvalidArgumentException if {@code hresult} is a success code
     */
    public static QmgrException of(int hresult, String message) {
        return of(hresult, message, null);
    }

    /**
     * As {@link #of(int, String)}, with a cause.
     *
     * @param hresult a failure HRESULT
     * @param message the detail, may be {@code null}
     * @param cause   the underlying failure, may be {@code null}
     * @return the exception, never {@code null}
     * @throws QmgrInvalidArgumentException if {@code hresult} is a success code
     */
    public static QmgrException of(int hresult, String message, Throwable cause) {
        return switch (hresult) {
            case HResults.QM_E_INVALID_STATE -> new QmgrInvalidStateException(message, cause);
            case HResults.QM_E_ITEM_NOT_FOUND -> new QmgrItemNotFoundException(message, cause);
            case HResults.QM_E_SERVICE_UNAVAILABLE -> new QmgrServiceUnavailableException(message, cause);
            case HResults.QM_E_DOWNLOADER_UNAVAILABLE -> new QmgrDownloaderUnavailableException(message, cause);
            case HResults.E_NOTIMPL -> new QmgrNotImplementedException(message, cause);
            case HResults.E_INVALIDARG -> new QmgrInvalidArgumentException(message, cause);
            case HResults.E_ACCESSDENIED -> new QmgrAccessDeniedException(message, cause);
            case HResults.E_NOINTERFACE -> new QmgrNoInterfaceException(message, cause);
            case HResults.E_PATH_NOT_FOUND -> new QmgrPathNotFoundException(message, cause);
            case HResults.REGDB_E_CLASSNOTREG -> new QmgrClassNotRegisteredException(message, cause);
            case HResults.BG_E_TOO_MANY_JOBS_PER_USER, HResults.BG_E_TOO_MANY_JOBS_PER_MACHINE,
                    HResults.BG_E_TOO_MANY_FILES_IN_JOB -> new QmgrLimitExceededException(hresult, message, cause);
            default -> new QmgrException(hresult, message, cause);
        };
    }

    /**
     * The HRESULT of the failure (§4.5, §6.3).
     *
     * @return a failure HRESULT (negative)
     */
    public int hresult() {
        return hresult;
    }

    /**
     * The symbolic name of {@link #hresult()}, or its hex form if it has none (see {@link HResults#name(int)}).
     *
     * @return the name, never {@code null}
     */
    public String hresultName() {
        return HResults.name(hresult);
    }

    /**
     * {@code NAME: detail}, or just {@code NAME} when there is no detail.
     *
     * @return the message, never {@code null}
     */
    @Override
    public String getMessage() {
        String detail = super.getMessage();
        return detail == null || detail.isEmpty() ? hresultName() : hresultName() + ": " + detail;
    }
}
