package org.qmgr.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The bits of the group status word, {@code QM_STATUS_GROUP_*} (§1.3.2, §4.2). The exact combinations a group
 * reports per state are listed in §1.3.2.
 */
public enum GroupStatusFlag {
    /** {@code QM_STATUS_GROUP_COMPLETE} (0x40): every file is downloaded and committed. */
    COMPLETE(0x40),
    /** {@code QM_STATUS_GROUP_INCOMPLETE} (0x80): not every file has been downloaded yet. */
    INCOMPLETE(0x80),
    /** {@code QM_STATUS_GROUP_SUSPENDED} (0x100): not eligible to transfer. */
    SUSPENDED(0x100),
    /** {@code QM_STATUS_GROUP_ERROR} (0x200): stopped by an error that needs the client to act. */
    ERROR(0x200),
    /** {@code QM_STATUS_GROUP_FOREGROUND} (0x400): switched to the foreground. */
    FOREGROUND(0x400);

    private final int value;

    GroupStatusFlag(int value) {
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
    public static GroupStatusFlag fromValue(int value) {
        GroupStatusFlag flag = EnumCodes.byValue(GroupStatusFlag.class, value, GroupStatusFlag::value);
        if (flag == null) {
            throw new QmgrInvalidArgumentException("undefined group status flag " + HResults.hex(value));
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
    public static int toMask(Set<GroupStatusFlag> flags) {
        return EnumCodes.toMask(flags, GroupStatusFlag::value, "group status flag");
    }

    /**
     * Splits a mask into its flags (§4.2). No bit is ignored.
     *
     * @param mask the raw word
     * @return a new, modifiable set, empty for 0
     * @throws QmgrInvalidArgumentException if {@code mask} has a bit that no flag defines
     */
    public static EnumSet<GroupStatusFlag> fromMask(int mask) {
        return EnumCodes.fromMask(GroupStatusFlag.class, mask, GroupStatusFlag::value, "group status flag");
    }
}
