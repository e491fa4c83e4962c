package org.qmgr.shell.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.GroupProp;
import org.qmgr.api.Guids;

/**
 * Parses command arguments; a bad one fails with an {@link IllegalArgumentException} (or the API's
 * {@code E_INVALIDARG}) whose one-line message names the bad value.
 */
final class Args {

    private static final String PREFIX = "GROUPPROP_";

    private Args() {
    }

    /** @return the id of a group or job written with or without braces, any case */
    static UUID id(String text) {
        return Guids.parse(text == null ? null : blanksTrimmed(text));
    }

    /**
     * Spaces and tabs removed at both ends, nothing else: {@link String#trim()} would also drop control
     * characters, so {@code 'id\u0001'} would pass as {@code id} instead of being refused as not a GUID.
     */
    static String blanksTrimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** @return the background priority named (any case) */
    static BackgroundPriority priority(String text) {
        return byName(BackgroundPriority.class, text, "priority");
    }

    /** @return the group property named, any case, with or without {@code GROUPPROP_} */
    static GroupProp property(String text) {
        String name = text == null ? "" : blanksTrimmed(text).toUpperCase(Locale.ROOT);
        return byName(GroupProp.class, name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name,
                "group property");
    }

    /** @return the constant of {@code type} named {@code text} (any case) */
    static <E extends Enum<E>> E byName(Class<E> type, String text, String what) {
        String name = text == null ? "" : blanksTrimmed(text).toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + Texts.clip(text, 64) + "'; one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
