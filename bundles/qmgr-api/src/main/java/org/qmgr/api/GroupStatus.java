package org.qmgr.api;

import java.util.Set;

/**
 * The result of a group's {@code GetStatus}: the status word and the job index (§2.2.4, §6.2.1). The exact
 * words per state are in §1.3.2, e.g. {@code 0x180} (SUSPENDED|INCOMPLETE) for a new group.
 *
 * @param raw      the group status word, an OR of {@link GroupStatusFlag} bits
 * @param flags    the flags of {@code raw}; stored as an unmodifiable copy, never {@code null}
 * @param jobIndex the index of the job transferring, failed, or last when complete (P1)
 */
public record GroupStatus(int raw, Set<GroupStatusFlag> flags, int jobIndex) {

    /**
     * Copies {@code flags} into an unmodifiable set. The flags are not checked against {@code raw}; use
     * {@link #of(int, int)} to derive them.
     *
     * @param raw      the group status word
     * @param flags    the flags
     * @param jobIndex the job index
     * @throws QmgrInvalidArgumentException if {@code flags} is or contains {@code null}
     */
    public GroupStatus {
        flags = EnumCodes.copyOf(GroupStatusFlag.class, flags, "group status flag");
    }

    /**
     * A status whose flags are derived from the status word.
     *
     * @param raw      the group status word
     * @param jobIndex the job index
     * @return the status, never {@code null}
     * @throws QmgrInvalidArgumentException if {@code raw} has a bit no {@link GroupStatusFlag} defines
     */
    public static GroupStatus of(int raw, int jobIndex) {
        return new GroupStatus(raw, GroupStatusFlag.fromMask(raw), jobIndex);
    }

    /**
     * Whether the given flag is set.
     *
     * @param flag the flag; {@code null} gives {@code false}
     * @return {@code true} if {@code flags()} contains it
     */
    public boolean has(GroupStatusFlag flag) {
        return flag != null && flags.contains(flag);
    }

    /**
     * Whether every file is downloaded and committed ({@code QM_STATUS_GROUP_COMPLETE}, §1.3.2).
     *
     * @return {@code true} if COMPLETE is set
     */
    public boolean isComplete() {
        return has(GroupStatusFlag.COMPLETE);
    }

    /**
     * Whether the group stopped on an error that needs the client to act ({@code QM_STATUS_GROUP_ERROR}, §1.3.2).
     *
     * @return {@code true} if ERROR is set
     */
    public boolean isError() {
        return has(GroupStatusFlag.ERROR);
    }

    /**
     * Whether the group is not eligible to transfer ({@code QM_STATUS_GROUP_SUSPENDED}, §1.3.2); also set in
     * ERROR and COMPLETE.
     *
     * @return {@code true} if SUSPENDED is set
     */
    public boolean isSuspended() {
        return has(GroupStatusFlag.SUSPENDED);
    }

    /**
     * Whether the group was switched to the foreground ({@code QM_STATUS_GROUP_FOREGROUND}, A-17).
     *
     * @return {@code true} if FOREGROUND is set
     */
    public boolean isForeground() {
        return has(GroupStatusFlag.FOREGROUND);
    }

    /**
     * The flags as text, highest bit first, e.g. {@code "SUSPENDED|INCOMPLETE"} for {@code 0x180};
     * {@code "NONE"} when no flag is set.
     *
     * @return the text, never {@code null}
     */
    public String describe() {
        return EnumCodes.describe(flags, GroupStatusFlag::value);
    }
}
