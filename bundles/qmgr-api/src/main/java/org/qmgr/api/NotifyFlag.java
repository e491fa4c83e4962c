package org.qmgr.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The notification flags of {@code GROUPPROP_NOTIFYFLAGS}, {@code QM_NOTIFY_*} (§4.1). Under P6 every flag
 * has an effect: FILE_DONE and JOB_DONE report per file and per job, GROUP_DONE reports completion, USE_PROGRESSEX
 * routes progress to {@code onProgressEx}, and DISABLE_NOTIFY silences everything, the default error event
 * included.
 */
public enum NotifyFlag {
    /** {@code QM_NOTIFY_FILE_DONE} (0x1): {@code onStatus} for each committed file (P6). */
    FILE_DONE(0x1),
    /** {@code QM_NOTIFY_JOB_DONE} (0x2): {@code onStatus} for each completed job (P6). */
    JOB_DONE(0x2),
    /** {@code QM_NOTIFY_GROUP_DONE} (0x4): {@code onStatus} when the group completes (§5.2). */
    GROUP_DONE(0x4),
    /** {@code QM_NOTIFY_DISABLE_NOTIFY} (0x40): no notification at all, errors included (§5.2). */
    DISABLE_NOTIFY(0x40),
    /** {@code QM_NOTIFY_USE_PROGRESSEX} (0x80): progress goes to {@code onProgressEx}, not {@code onProgress} (P6). */
    USE_PROGRESSEX(0x80);

    /** Every defined notify bit, {@code 0xC7}; any other bit is rejected with {@code E_INVALIDARG} (§4.1, A-28). */
    public static final int VALID_MASK = 0xC7;

    private final int value;

    NotifyFlag(int value) {
        this.value = value;
    }

    /**
     * The flag's bit (§4.1).
     *
     * @return a single bit
     */
    public int value() {
        return value;
    }

    /**
     * The flag with the given single bit (§4.1).
     *
     * @param value one bit
     * @return the flag, never {@code null}
     * @throws QmgrInvalidArgumentException if no flag has exactly this value
     */
    public static NotifyFlag fromValue(int value) {
        NotifyFlag flag = EnumCodes.byValue(NotifyFlag.class, value, NotifyFlag::value);
        if (flag == null) {
            throw new QmgrInvalidArgumentException("undefined notify flag " + HResults.hex(value));
        }
        return flag;
    }

    /**
     * ORs the bits of the given flags (§4.1).
     *
     * @param flags the flags; {@code null} (or a {@code null} element) is rejected
     * @return the mask, 0 for an empty set
     * @throws QmgrInvalidArgumentException if {@code flags} is or contains {@code null}
     */
    public static int toMask(Set<NotifyFlag> flags) {
        return EnumCodes.toMask(flags, NotifyFlag::value, "notify flag");
    }

    /**
     * Splits a mask into its flags (§4.1). No bit is ignored.
     *
     * @param mask the raw word
     * @return a new, modifiable set, empty for 0
     * @throws QmgrInvalidArgumentException if {@code mask} has a bit that no flag defines
     */
    public static EnumSet<NotifyFlag> fromMask(int mask) {
        return EnumCodes.fromMask(NotifyFlag.class, mask, NotifyFlag::value, "notify flag");
    }
}
