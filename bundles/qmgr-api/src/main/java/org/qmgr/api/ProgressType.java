package org.qmgr.api;

/**
 * The progress kinds, {@code QM_PROGRESS_*}: the {@code dwFlags} of {@code GetProgress} and the type of a
 * progress notification. Enumerated values, not bits (§4.4).
 */
public enum ProgressType {
    /** {@code QM_PROGRESS_PERCENT_DONE} (1): percent complete, 0..100, capped at 99 until complete. */
    PERCENT_DONE(1),
    /** {@code QM_PROGRESS_TIME_DONE} (2): seconds of active transfer so far (P7). */
    TIME_DONE(2),
    /** {@code QM_PROGRESS_SIZE_DONE} (3): bytes downloaded so far (§2.2.3). */
    SIZE_DONE(3);

    private final int value;

    ProgressType(int value) {
        this.value = value;
    }

    /**
     * The numeric {@code QM_PROGRESS_*} value (§4.4).
     *
     * @return 1..3
     */
    public int value() {
        return value;
    }

    /**
     * The progress kind with the given value (§4.4).
     *
     * @param value the raw {@code dwFlags}
     * @return the kind, never {@code null}
     * @throws QmgrInvalidArgumentException for a value outside 1..3
     */
    public static ProgressType fromValue(int value) {
        ProgressType type = EnumCodes.byValue(ProgressType.class, value, ProgressType::value);
        if (type == null) {
            throw new QmgrInvalidArgumentException("unknown progress type " + Integer.toUnsignedString(value));
        }
        return type;
    }
}
