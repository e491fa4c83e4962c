package org.qmgr.shell.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.qmgr.api.GroupProp;
import org.qmgr.api.Guids;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.Protocol;
import org.qmgr.api.Variant;

/**
 * Turns the text of {@code qmgr:group-set} into the {@link Variant} a {@link GroupProp} takes (spec §3):
 * strings as given; {@code NOTIFYCLSID} a GUID with or without braces, or {@code ""}/{@code none} to clear;
 * {@code NOTIFYFLAGS} flag names joined by {@code |} or {@code ,} (e.g. {@code GROUP_DONE|FILE_DONE}) or a
 * number; {@code PROTOCOLFLAGS} a {@link Protocol} name or number; the other integers decimal or {@code 0x} hex,
 * read as unsigned 32-bit. Messages never contain the value of {@link GroupProp#REMOTEUSERPWD}.
 */
final class PropertyValues {

    private PropertyValues() {
    }

    static Variant parse(GroupProp prop, String text) {
        if (text == null) {
            throw new IllegalArgumentException("no value for " + prop);
        }
        if (prop.stringValued()) {
            return Variant.bstr(prop == GroupProp.NOTIFYCLSID ? clsid(text) : text);
        }
        return Variant.i4(switch (prop) {
            case NOTIFYFLAGS -> notifyFlags(text);
            case PROTOCOLFLAGS -> protocol(text);
            default -> unsigned(text, prop.name());
        });
    }

    /** @return the mask of the flags named, e.g. {@code GROUP_DONE|FILE_DONE}, or the number given */
    static int notifyFlags(String text) {
        String t = text.trim();
        if (t.isEmpty() || Character.isDigit(t.charAt(0))) {
            return unsigned(t, "NOTIFYFLAGS");
        }
        Set<NotifyFlag> flags = EnumSet.noneOf(NotifyFlag.class);
        for (String name : t.split("[|,]")) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            flags.add(Args.byName(NotifyFlag.class, n.startsWith("QM_NOTIFY_") ? n.substring(10) : n, "notify flag"));
        }
        return NotifyFlag.toMask(flags);
    }

    /** @return the flags of a mask as names joined by {@code |}, or {@code 0} */
    static String notifyFlagNames(int mask) {
        Set<NotifyFlag> flags = NotifyFlag.fromMask(mask);
        return flags.isEmpty() ? "0" : flags.stream().map(Enum::name).collect(Collectors.joining("|"));
    }

    private static int protocol(String text) {
        String t = text.trim();
        return !t.isEmpty() && Character.isDigit(t.charAt(0)) ? unsigned(t, "PROTOCOLFLAGS")
                : Args.byName(Protocol.class, t, "protocol").value();
    }

    private static String clsid(String text) {
        String t = text.trim();
        return t.isEmpty() || t.equalsIgnoreCase("none") ? "" : Guids.format(Guids.parse(t));
    }

    /** @return a decimal or {@code 0x} hex number 0..0xFFFFFFFF as a 32-bit int */
    static int unsigned(String text, String what) {
        String t = text.trim();
        try {
            long v = t.regionMatches(true, 0, "0x", 0, 2) ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            if (v >= 0 && v <= 0xFFFF_FFFFL) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // reported below, naming the value
        }
        throw new IllegalArgumentException("bad value for " + what + ": '" + Texts.clip(t, 64)
                + "' is not a number 0..4294967295");
    }
}
