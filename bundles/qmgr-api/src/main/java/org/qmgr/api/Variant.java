package org.qmgr.api;

/**
 * A property value, the Java form of the COM {@code VARIANT} restricted to the types of §4.8 (§3, §6.2).
 *
 * <p>Invariants, checked on construction: {@link VarType#EMPTY} and {@link VarType#NULL} carry {@code null};
 * the integer types carry an {@link Integer} ({@code I2} in −32768..32767, {@code UI2} in 0..65535, the 32-bit
 * types any {@code int}, unsigned ones holding the bit pattern); {@link VarType#BSTR} carries a non-null
 * {@link String}. {@link #toString()} never prints string contents, so a variant holding a password is safe to
 * log (P4).
 *
 * @param type  the VARTYPE, never {@code null}
 * @param value the payload as described above
 */
public record Variant(VarType type, Object value) {

    private static final Variant EMPTY = new Variant(VarType.EMPTY, null);
    private static final Variant NULL = new Variant(VarType.NULL, null);

    /**
     * Validates the pairing of type and value.
     *
     * @param type  the VARTYPE
     * @param value the payload
     * @throws QmgrInvalidArgumentException if {@code type} is {@code null} or {@code value} does not fit it
     */
    public Variant {
        if (type == null) {
            throw new QmgrInvalidArgumentException("VARIANT type is null");
        }
        boolean ok = switch (type) {
            case EMPTY, NULL -> value == null;
            case BSTR -> value instanceof String;
            case I2 -> value instanceof Integer i && i >= Short.MIN_VALUE && i <= Short.MAX_VALUE;
            case UI2 -> value instanceof Integer i && i >= 0 && i <= 0xFFFF;
            case I4, UI4, INT, UINT -> value instanceof Integer;
        };
        if (!ok) {
            throw new QmgrInvalidArgumentException("invalid value for VT_" + type + ": " + describe(value));
        }
    }

    /**
     * A {@code VT_EMPTY} variant.
     *
     * @return the empty variant
     */
    public static Variant empty() {
        return EMPTY;
    }

    /**
     * A {@code VT_NULL} variant.
     *
     * @return the null variant (not a Java {@code null})
     */
    public static Variant nullValue() {
        return NULL;
    }

    /**
     * A {@code VT_I2} variant.
     *
     * @param value −32768..32767
     * @return the variant
     * @throws QmgrInvalidArgumentException if {@code value} is out of range
     */
    public static Variant i2(int value) {
        return new Variant(VarType.I2, value);
    }

    /**
     * A {@code VT_I4} variant, the type {@code getProp} returns for integers (§3).
     *
     * @param value any {@code int}
     * @return the variant
     */
    public static Variant i4(int value) {
        return new Variant(VarType.I4, value);
    }

    /**
     * A {@code VT_UI2} variant.
     *
     * @param value 0..65535
     * @return the variant
     * @throws QmgrInvalidArgumentException if {@code value} is out of range
     */
    public static Variant ui2(int value) {
        return new Variant(VarType.UI2, value);
    }

    /**
     * A {@code VT_UI4} variant.
     *
     * @param value the 32 bits of the unsigned value
     * @return the variant
     */
    public static Variant ui4(int value) {
        return new Variant(VarType.UI4, value);
    }

    /**
     * A {@code VT_INT} variant.
     *
     * @param value any {@code int}
     * @return the variant
     */
    public static Variant ofInt(int value) {
        return new Variant(VarType.INT, value);
    }

    /**
     * A {@code VT_UINT} variant.
     *
     * @param value the 32 bits of the unsigned value
     * @return the variant
     */
    public static Variant ofUint(int value) {
        return new Variant(VarType.UINT, value);
    }

    /**
     * A {@code VT_BSTR} variant.
     *
     * @param value the string, may be empty; {@code null} is rejected
     * @return the variant
     * @throws QmgrInvalidArgumentException if {@code value} is {@code null}
     */
    public static Variant bstr(String value) {
        return new Variant(VarType.BSTR, value);
    }

    /**
     * Whether this variant holds one of the integer types (§3).
     *
     * @return {@code true} for I2, I4, UI2, UI4, INT and UINT
     */
    public boolean isInteger() {
        return type.isInteger();
    }

    /**
     * The 32-bit integer value: sign-extended for I2, I4 and INT, zero-extended for UI2, the raw bits for UI4 and
     * UINT (§3).
     *
     * @return the value
     * @throws QmgrInvalidArgumentException if this is not an integer variant
     */
    public int intValue() {
        if (!isInteger()) {
            throw new QmgrInvalidArgumentException("VT_" + type + " is not an integer VARIANT");
        }
        return (Integer) value;
    }

    /**
     * The integer value read as an unsigned DWORD, as property setters interpret it: "sign-extended to 32 bits
     * and then read as unsigned", so {@code i2(-1)} gives {@code 0xFFFFFFFFL} (§3, A-28).
     *
     * @return 0..0xFFFFFFFF
     * @throws QmgrInvalidArgumentException if this is not an integer variant
     */
    public long unsignedValue() {
        return Integer.toUnsignedLong(intValue());
    }

    /**
     * The string of a {@code VT_BSTR} variant.
     *
     * @return the string, never {@code null}
     * @throws QmgrInvalidArgumentException if this is not a BSTR variant
     */
    public String stringValue() {
        if (type != VarType.BSTR) {
            throw new QmgrInvalidArgumentException("VT_" + type + " is not a BSTR VARIANT");
        }
        return (String) value;
    }

    /**
     * A diagnostic form such as {@code I4(1)}, {@code EMPTY} or {@code BSTR(12 chars)}; string contents are never
     * shown.
     *
     * @return the text, never {@code null}
     */
    @Override
    public String toString() {
        return switch (type) {
            case EMPTY, NULL -> type.name();
            case BSTR -> "BSTR(" + ((String) value).length() + " chars)";
            default -> type + "(" + value + ")";
        };
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "string of " + s.length() + " chars";
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
