package org.qmgr.api;

import java.util.Optional;

/**
 * The group properties, {@code GROUPPROP_*} without the prefix, with their binding numeric ids (§3, §4.6).
 *
 * <p>Under the product decisions every property is supported except {@link #LOCALUSERID} and
 * {@link #LOCALUSERPWD}: server credentials work (P4) and the progress properties are notification thresholds
 * (P5).
 */
public enum GroupProp {
    /** {@code GROUPPROP_PRIORITY} (0): integer, only 1 is valid (§3, P3). */
    PRIORITY(0),
    /** {@code GROUPPROP_REMOTEUSERID} (1): string, server user name (P4). */
    REMOTEUSERID(1),
    /** {@code GROUPPROP_REMOTEUSERPWD} (2): string, server password, write-only (P4). */
    REMOTEUSERPWD(2),
    /** {@code GROUPPROP_LOCALUSERID} (3): not supported, {@code E_NOTIMPL} (P4). */
    LOCALUSERID(3),
    /** {@code GROUPPROP_LOCALUSERPWD} (4): not supported, {@code E_NOTIMPL} (P4). */
    LOCALUSERPWD(4),
    /** {@code GROUPPROP_PROTOCOLFLAGS} (5): integer, a {@link Protocol} value (§3, P8). */
    PROTOCOLFLAGS(5),
    /** {@code GROUPPROP_NOTIFYFLAGS} (6): integer, an OR of {@link NotifyFlag} bits (§3, P6). */
    NOTIFYFLAGS(6),
    /** {@code GROUPPROP_NOTIFYCLSID} (7): string, a braced CLSID or {@code ""} (§3). */
    NOTIFYCLSID(7),
    /** {@code GROUPPROP_PROGRESSSIZE} (8): integer, progress threshold in bytes (P5). */
    PROGRESSSIZE(8),
    /** {@code GROUPPROP_PROGRESSPERCENT} (9): integer, progress threshold in percent points (P5). */
    PROGRESSPERCENT(9),
    /** {@code GROUPPROP_PROGRESSTIME} (10): integer, progress threshold in milliseconds (P5). */
    PROGRESSTIME(10),
    /** {@code GROUPPROP_DISPLAYNAME} (11): string, at most 256 UTF-16 units (§3). */
    DISPLAYNAME(11),
    /** {@code GROUPPROP_DESCRIPTION} (12): string, at most 1,024 UTF-16 units (§3). */
    DESCRIPTION(12);

    private final int value;

    GroupProp(int value) {
        this.value = value;
    }

    /**
     * The numeric {@code GROUPPROP} id (§4.6).
     *
     * @return 0..12
     */
    public int value() {
        return value;
    }

    /**
     * Whether qmgr implements the property; {@code getProp}/{@code setProp} of an unsupported one fail with
     * {@code E_NOTIMPL} (§3 as changed by P4, P5).
     *
     * @return {@code false} only for {@link #LOCALUSERID} and {@link #LOCALUSERPWD}
     */
    public boolean supported() {
        return this != LOCALUSERID && this != LOCALUSERPWD;
    }

    /**
     * Whether the property holds a {@code VT_BSTR}; all others hold integers (§3).
     *
     * @return {@code true} for the user ids and passwords, NOTIFYCLSID, DISPLAYNAME and DESCRIPTION
     */
    public boolean stringValued() {
        return switch (this) {
            case REMOTEUSERID, REMOTEUSERPWD, LOCALUSERID, LOCALUSERPWD, NOTIFYCLSID, DISPLAYNAME, DESCRIPTION -> true;
            default -> false;
        };
    }

    /**
     * Whether the property can be written but never read back: {@code getProp} returns {@code ""} (P4).
     *
     * @return {@code true} only for {@link #REMOTEUSERPWD}
     */
    public boolean writeOnly() {
        return this == REMOTEUSERPWD;
    }

    /**
     * The property with the given raw id (§4.6, C5).
     *
     * @param value the raw {@code GROUPPROP} id
     * @return the property, never {@code null}
     * @throws QmgrNotImplementedException for an id outside 0..12 (A-26, C27)
     */
    public static GroupProp fromValue(int value) {
        return find(value).orElseThrow(
                () -> new QmgrNotImplementedException("unknown group property id " + value));
    }

    /**
     * The property with the given raw id, if there is one (§4.6).
     *
     * @param value the raw {@code GROUPPROP} id
     * @return the property, or empty for an id outside 0..12
     */
    public static Optional<GroupProp> find(int value) {
        return Optional.ofNullable(EnumCodes.byValue(GroupProp.class, value, GroupProp::value));
    }
}
