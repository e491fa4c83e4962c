package org.qmgr.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The file status bits, {@code QM_STATUS_FILE_*} (§4.2). Reserved: no API method returns them.
 */
public enum FileStatusFlag {
    /** {@code QM_STATUS_FILE_COMPLETE} (0x1): reserved. */
    COMPLETE(0x1),
    /** {@code QM_STATUS_FILE_INCOMPLETE} (0x2): reserved. */
    INCOMPLETE(0x2);

    private final int value;

    FileStatusFlag(int value) {
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
    public static FileStatusFlag fromValue(int value) {
        FileStatusFlag flag = EnumCodes.byValue(FileStatusFlag.class, value, FileStatusFlag::value);
        if (flag == null) {
            throw new QmgrInvalidArgumentException("undefined file status flag " + HResults.hex(value));
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
    public static int toMask(Set<FileStatusFlag> flags) {
        return EnumCodes.toMask(flags, FileStatusFlag::value, "file status flag");
    }

    /**
     * Splits a mask into its flags (§4.2). No bit is ignored.
     *
     * @param mask the raw word
     * @return a new, modifiable set, empty for 0
     * @throws QmgrInvalidArgumentException if {@code mask} has a bit that no flag defines
     */
    public static EnumSet<FileStatusFlag> fromMask(int mask) {
        return EnumCodes.fromMask(FileStatusFlag.class, mask, FileStatusFlag::value, "file status flag");
    }
}
