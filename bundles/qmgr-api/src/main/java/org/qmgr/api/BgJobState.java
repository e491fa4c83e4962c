package org.qmgr.api;

/**
 * The BITS job states, {@code BG_JOB_STATE} (§4.9), for diagnostics and the optional BITS view. §4.9 maps the
 * group states of this spec onto them: SUSPENDED → SUSPENDED, QUEUED → QUEUED, TRANSFERRING → CONNECTING then
 * TRANSFERRING, RETRY_WAIT → TRANSIENT_ERROR, ERROR → ERROR, COMPLETE → ACKNOWLEDGED, CANCELLED → CANCELLED.
 */
public enum BgJobState {
    /** {@code BG_JOB_STATE_QUEUED} (0). */
    QUEUED(0),
    /** {@code BG_JOB_STATE_CONNECTING} (1). */
    CONNECTING(1),
    /** {@code BG_JOB_STATE_TRANSFERRING} (2). */
    TRANSFERRING(2),
    /** {@code BG_JOB_STATE_SUSPENDED} (3). */
    SUSPENDED(3),
    /** {@code BG_JOB_STATE_ERROR} (4). */
    ERROR(4),
    /** {@code BG_JOB_STATE_TRANSIENT_ERROR} (5). */
    TRANSIENT_ERROR(5),
    /** {@code BG_JOB_STATE_TRANSFERRED} (6); qmgr commits files at once, so groups report ACKNOWLEDGED. */
    TRANSFERRED(6),
    /** {@code BG_JOB_STATE_ACKNOWLEDGED} (7). */
    ACKNOWLEDGED(7),
    /** {@code BG_JOB_STATE_CANCELLED} (8). */
    CANCELLED(8);

    private final int value;

    BgJobState(int value) {
        this.value = value;
    }

    /**
     * The numeric {@code BG_JOB_STATE} (§4.9).
     *
     * @return 0..8
     */
    public int value() {
        return value;
    }

    /**
     * The state with the given value (§4.9).
     *
     * @param value the raw {@code BG_JOB_STATE}
     * @return the state, never {@code null}
     * @throws QmgrInvalidArgumentException for a value outside 0..8
     */
    public static BgJobState fromValue(int value) {
        BgJobState state = EnumCodes.byValue(BgJobState.class, value, BgJobState::value);
        if (state == null) {
            throw new QmgrInvalidArgumentException("unknown BG_JOB_STATE " + value);
        }
        return state;
    }
}
