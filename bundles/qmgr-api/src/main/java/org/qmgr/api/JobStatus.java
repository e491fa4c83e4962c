package org.qmgr.api;

import java.util.Set;

/**
 * The result of a job's {@code GetStatus}: the status word and the error details (§1.4, §2.3.3, §6.2.1). The
 * three numbers are meaningful only while {@link JobStatusFlag#ERROR} is set, and 0 otherwise.
 *
 * @param raw             the job status word, an OR of {@link JobStatusFlag} bits
 * @param flags           the flags of {@code raw}; stored as an unmodifiable copy, never {@code null}
 * @param win32Result     a {@link Win32Results} code (§4.10)
 * @param transportResult the HTTP status, or 0 (§4.10)
 * @param numOfRetries    automatic re-attempts in the current error episode (§1.8, A-13)
 */
public record JobStatus(int raw, Set<JobStatusFlag> flags, int win32Result, int transportResult, int numOfRetries) {

    /**
     * Copies {@code flags} into an unmodifiable set. The flags are not checked against {@code raw}; use
     * {@link #of(int, int, int, int)} to derive them.
     *
     * @param raw             the job status word
     * @param flags           the flags
     * @param win32Result     the Win32 result
     * @param transportResult the transport (HTTP) result
     * @param numOfRetries    the retry count
     * @throws QmgrInvalidArgumentException if {@code flags} is or contains {@code null}
     */
    public JobStatus {
        flags = EnumCodes.copyOf(JobStatusFlag.class, flags, "job status flag");
    }

    /**
     * A status whose flags are derived from the status word.
     *
     * @param raw             the job status word
     * @param win32Result     the Win32 result
     * @param transportResult the transport (HTTP) result
     * @param numOfRetries    the retry count
     * @return the status, never {@code null}
     * @throws QmgrInvalidArgumentException if {@code raw} has a bit no {@link JobStatusFlag} defines
     */
    public static JobStatus of(int raw, int win32Result, int transportResult, int numOfRetries) {
        return new JobStatus(raw, JobStatusFlag.fromMask(raw), win32Result, transportResult, numOfRetries);
    }

    /**
     * Whether the given flag is set.
     *
     * @param flag the flag; {@code null} gives {@code false}
     * @return {@code true} if {@code flags()} contains it
     */
    public boolean has(JobStatusFlag flag) {
        return flag != null && flags.contains(flag);
    }

    /**
     * Whether every file of the job is committed ({@code QM_STATUS_JOB_COMPLETE}, §1.4).
     *
     * @return {@code true} if COMPLETE is set
     */
    public boolean isComplete() {
        return has(JobStatusFlag.COMPLETE);
    }

    /**
     * Whether the job's group is in error, so the error details are valid ({@code QM_STATUS_JOB_ERROR}, §1.4).
     *
     * @return {@code true} if ERROR is set
     */
    public boolean isError() {
        return has(JobStatusFlag.ERROR);
    }

    /**
     * The flags as text, highest bit first, e.g. {@code "ERROR|INCOMPLETE"} for {@code 0x18}; {@code "NONE"}
     * when no flag is set.
     *
     * @return the text, never {@code null}
     */
    public String describe() {
        return EnumCodes.describe(flags, JobStatusFlag::value);
    }
}
