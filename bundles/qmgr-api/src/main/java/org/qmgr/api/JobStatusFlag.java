package org.qmgr.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The bits of the job status word, {@code QM_STATUS_JOB_*} (§1.4, §4.2). The word is derived from the group
 * state; FOREGROUND is defined but never set.
 */
public enum JobStatusFlag {
    /** {@code QM_STATUS_JOB_COMPLETE} (0x4): every file of the job is committed. */
    COMPLETE(0x4),
    /** {@code QM_STATUS_JOB_INCOMPLETE} (0x8): not every file is done. */
    INCOMPLETE(0x8),
    /** {@code QM_STATUS_JOB_ERROR} (0x10): the group is in error; the error fields of {@link JobStatus} are valid. */
    ERROR(0x10),
    /** {@code QM_STATUS_JOB_FOREGROUND} (0x20): defined by the header, never set (§1.4). */
    FOREGROUND(0x20);

    private final int value;

    JobStatusFlag(int value) {
        this.value = value;
    }

    /**
     * The flag's bit (§4.2).
     *
     * @return a single bit
     */
    public int value() {
        return value;
    }

    /**
     * The flag with the given single bit (§4.2).
     *
     * @param value one bit
     * @return the flag, never {@code null}
     * @throws QmgrInvalidArgumentException if no flag has exactly this value
     */
    public static JobStatusFlag fromValue(int value) {
        JobStatusFlag flag = EnumCodes.byValue(JobStatusFlag.class, value, JobStatusFlag::value);
        if (flag == null) {
            throw new QmgrInvalidArgumentException("undefined job status flag " + HResults.hex(value));
        }
        return flag;
    }

    /**
     * ORs the bits of the given flags (§4.2).
     *
     * @param flags the flags; {@code null} (or a {@code null} element) is rejected
     * @return the mask, 0 for an empty set
     * @throws QmgrInvalidArgumentException if {@code flags} is or contains {@code null}
     */
    public static int toMask(Set<JobStatusFlag> flags) {
        return EnumCodes.toMask(flags, JobStatusFlag::value, "job status flag");
    }

    /**
     * Splits a mask into its flags (§4.2). No bit is ignored.
     *
     * @param mask the raw word
     * @return a new, modifiable set, empty for 0
     * @throws QmgrInvalidArgumentException if {@code mask} has a bit that no flag defines
     */
    public static EnumSet<JobStatusFlag> fromMask(int mask) {
        return EnumCodes.fromMask(JobStatusFlag.class, mask, JobStatusFlag::value, "job status flag");
    }
}
