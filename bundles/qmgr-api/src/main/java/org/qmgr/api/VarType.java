package org.qmgr.api;

/** The {@code VARTYPE}s a property {@link Variant} may carry, with their wtypes.h numbers (§3, §4.8). */
public enum VarType {
    /** {@code VT_EMPTY} (0): no value. */
    EMPTY(0),
    /** {@code VT_NULL} (1): SQL-style null. */
    NULL(1),
    /** {@code VT_I2} (2): signed 16-bit integer. */
    I2(2),
    /** {@code VT_I4} (3): signed 32-bit integer; {@code getProp} returns integers in this type (§3). */
    I4(3),
    /** {@code VT_BSTR} (8): string. */
    BSTR(8),
    /** {@code VT_UI2} (18): unsigned 16-bit integer. */
    UI2(18),
    /** {@code VT_UI4} (19): unsigned 32-bit integer. */
    UI4(19),
    /** {@code VT_INT} (22): signed machine integer (32-bit). */
    INT(22),
    /** {@code VT_UINT} (23): unsigned machine integer (32-bit). */
    UINT(23);

    private final int value;

    VarType(int value) {
        this.value = value;
    }

    /**
     * The numeric {@code VARTYPE} (§4.8).
     *
     * @return the wtypes.h value
     */
    public int value() {
        return value;
    }

    /**
     * Whether this type is one of the integer types accepted for integer properties (§3).
     *
     * @return {@code true} for I2, I4, UI2, UI4, INT and UINT
     */
    public boolean isInteger() {
        return switch (this) {
            case I2, I4, UI2, UI4, INT, UINT -> true;
            default -> false;
        };
    }

    /**
     * The type with the given {@code VARTYPE} number (§4.8).
     *
     * @param value the raw {@code VARTYPE}
     * @return the type, never {@code null}
     * @throws QmgrInvalidArgumentException for a number not listed in §4.8
     */
    public static VarType fromValue(int value) {
        VarType type = EnumCodes.byValue(VarType.class, value, VarType::value);
        if (type == null) {
            throw new QmgrInvalidArgumentException("unsupported VARTYPE " + value);
        }
        return type;
    }
}
