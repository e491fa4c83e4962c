package org.qmgr.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.ToIntFunction;

/** Shared lookups for the enums that stand for QMGR numeric codes and bit flags (§4). */
final class EnumCodes {

    private EnumCodes() {
    }

    /** The constant of {@code type} whose code is {@code value}, or {@code null} if there is none. */
    static <E extends Enum<E>> E byValue(Class<E> type, int value, ToIntFunction<E> code) {
        for (E e : type.getEnumConstants()) {
            if (code.applyAsInt(e) == value) {
                return e;
            }
        }
        return null;
    }

    /** ORs the bits of every flag in {@code flags}; {@code null} set or elements are rejected. */
    static <E extends Enum<E>> int toMask(Set<E> flags, ToIntFunction<E> bit, String what) {
        if (flags == null) {
            throw new QmgrInvalidArgumentException(what + " set is null");
        }
        int mask = 0;
        for (E flag : flags) {
            if (flag == null) {
                throw new QmgrInvalidArgumentException(what + " set contains null");
            }
            mask |= bit.applyAsInt(flag);
        }
        return mask;
    }

    /** Splits {@code mask} into flags; any bit no flag defines is rejected with E_INVALIDARG. */
    static <E extends Enum<E>> EnumSet<E> fromMask(Class<E> type, int mask, ToIntFunction<E> bit, String what) {
        EnumSet<E> flags = EnumSet.noneOf(type);
        int known = 0;
        for (E e : type.getEnumConstants()) {
            int b = bit.applyAsInt(e);
            known |= b;
            if ((mask & b) != 0) {
                flags.add(e);
            }
        }
        if ((mask & ~known) != 0) {
            throw new QmgrInvalidArgumentException(String.format(
                    "undefined %s bits 0x%08X in 0x%08X", what, mask & ~known, mask));
        }
        return flags;
    }

    /** Flag names joined by {@code |}, highest bit first; {@code "NONE"} for an empty set. */
    static <E extends Enum<E>> String describe(Set<E> flags, ToIntFunction<E> bit) {
        if (flags.isEmpty()) {
            return "NONE";
        }
        List<E> sorted = flags.stream()
                .sorted((a, b) -> Integer.compareUnsigned(bit.applyAsInt(b), bit.applyAsInt(a)))
                .toList();
        StringJoiner joined = new StringJoiner("|");
        sorted.forEach(e -> joined.add(e.name()));
        return joined.toString();
    }

    /** An unmodifiable copy of {@code flags} in declaration order; {@code null} is rejected. */
    static <E extends Enum<E>> Set<E> copyOf(Class<E> type, Set<E> flags, String what) {
        if (flags == null) {
            throw new QmgrInvalidArgumentException(what + " set is null");
        }
        EnumSet<E> copy = EnumSet.noneOf(type);
        for (E flag : flags) {
            if (flag == null) {
                throw new QmgrInvalidArgumentException(what + " set contains null");
            }
            copy.add(flag);
        }
        return Collections.unmodifiableSet(copy);
    }
}
