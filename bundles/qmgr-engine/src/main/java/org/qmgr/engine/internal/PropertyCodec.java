package org.qmgr.engine.internal;

import java.util.UUID;
import java.util.function.Predicate;

import org.qmgr.api.GroupProp;
import org.qmgr.api.Guids;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.Protocol;
import org.qmgr.api.QmgrClassNotRegisteredException;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.QmgrNotImplementedException;
import org.qmgr.api.Variant;
import org.qmgr.api.VarType;
import org.qmgr.spi.store.GroupRecord;

/**
 * Reads and writes group properties as {@link Variant}s (spec §3, amended by P4–P6). Pure: it validates
 * and returns a changed record; the engine stores it.
 */
final class PropertyCodec {

    static final int MAX_DISPLAY_NAME = 256;
    static final int MAX_DESCRIPTION = 1024;
    /** Bounds of the credential strings: generous, but a store column must hold them. */
    static final int MAX_CREDENTIAL = 1024;

    private PropertyCodec() {
    }

    static Variant get(GroupRecord r, GroupProp prop) {
        return switch (prop) {
            case PRIORITY -> Variant.i4(1);
            case PROTOCOLFLAGS -> Variant.i4(r.protocol());
            case NOTIFYFLAGS -> Variant.i4(r.notifyFlags());
            case NOTIFYCLSID -> Variant.bstr(r.notifyClsid() == null ? "" : Guids.format(r.notifyClsid()));
            case DISPLAYNAME -> Variant.bstr(r.displayName());
            case DESCRIPTION -> Variant.bstr(r.description());
            case REMOTEUSERID -> Variant.bstr(r.remoteUser() == null ? "" : r.remoteUser());
            case REMOTEUSERPWD -> Variant.bstr("");
            case PROGRESSSIZE -> Variant.i4((int) r.progressSize());
            case PROGRESSPERCENT -> Variant.i4(r.progressPercent());
            case PROGRESSTIME -> Variant.i4((int) r.progressTimeMillis());
            case LOCALUSERID, LOCALUSERPWD -> throw notSupported(prop);
        };
    }

    /**
     * @param protocolServed whether some transport serves a protocol family (spec P8)
     * @param clsidResolvable whether the caller can see a callback provider for a class id (spec §5.6)
     */
    static GroupRecord set(GroupRecord r, GroupProp prop, Variant v, Predicate<Protocol> protocolServed,
                           Predicate<UUID> clsidResolvable) {
        if (v == null) {
            throw new QmgrInvalidArgumentException("value of " + prop + " must not be null");
        }
        GroupRecord.Builder b = r.toBuilder();
        switch (prop) {
            case PRIORITY -> {
                if (integer(prop, v) != 1) {
                    throw new QmgrInvalidArgumentException("priority must be 1, not " + unsignedText(v));
                }
            }
            case PROTOCOLFLAGS -> b.protocol(protocol(integer(prop, v), protocolServed).value());
            case NOTIFYFLAGS -> {
                long mask = integer(prop, v);
                if ((mask & ~NotifyFlag.VALID_MASK) != 0) {
                    throw new QmgrInvalidArgumentException(String.format(
                            "notify flags 0x%X have bits outside 0x%X", mask, NotifyFlag.VALID_MASK));
                }
                b.notifyFlags((int) mask);
            }
            case NOTIFYCLSID -> b.notifyClsid(clsid(string(prop, v, 40), clsidResolvable));
            case DISPLAYNAME -> b.displayName(string(prop, v, MAX_DISPLAY_NAME));
            case DESCRIPTION -> b.description(string(prop, v, MAX_DESCRIPTION));
            case REMOTEUSERID -> b.remoteUser(emptyToNull(checkCredential(prop, string(prop, v, MAX_CREDENTIAL))));
            case REMOTEUSERPWD -> b.remotePassword(emptyToNull(checkCredential(prop, string(prop, v, MAX_CREDENTIAL))));
            case PROGRESSSIZE -> b.progressSize(threshold(prop, v, Integer.MAX_VALUE));
            case PROGRESSPERCENT -> b.progressPercent((int) threshold(prop, v, 100));
            case PROGRESSTIME -> b.progressTimeMillis(threshold(prop, v, Integer.MAX_VALUE));
            case LOCALUSERID, LOCALUSERPWD -> throw notSupported(prop);
        }
        return b.build();
    }

    /**
     * Refuses control characters in a user name or password, and a colon in a user name: they cannot be sent
     * (RFC 7617 forbids both in Basic credentials, and CR/LF in a Digest {@code username} would split the
     * header). The password itself is never echoed.
     *
     * @return {@code value}
     */
    static String checkCredential(GroupProp prop, String value) {
        if (value == null) {
            return null;
        }
        boolean user = prop == GroupProp.REMOTEUSERID;
        int bad = value.chars().filter(c -> Character.isISOControl(c) || (user && c == ':')).findFirst().orElse(-1);
        if (bad >= 0) {
            throw new QmgrInvalidArgumentException(String.format("%s has the character \\u%04x, which cannot be sent%s",
                    user ? "user name" : "password", bad, user ? ": " + FileSetValidator.printable(value) : ""));
        }
        return value;
    }

    static Protocol protocol(long value, Predicate<Protocol> protocolServed) {
        if (value < 1 || value > 4) {
            throw new QmgrInvalidArgumentException("unknown protocol " + value);
        }
        Protocol p = Protocol.fromValue((int) value);
        if (p != Protocol.HTTP && !protocolServed.test(p)) {
            throw new QmgrNotImplementedException("no transport serves protocol " + p);
        }
        return p;
    }

    private static UUID clsid(String text, Predicate<UUID> resolvable) {
        if (text.isEmpty()) {
            return null;
        }
        UUID id = Guids.parseBraced(text);
        if (!resolvable.test(id)) {
            throw new QmgrClassNotRegisteredException("no callback provider for class " + Guids.format(id));
        }
        return id;
    }

    /** The value as an unsigned 32-bit number (signed VTs sign-extended first, spec §3). */
    private static long integer(GroupProp prop, Variant v) {
        if (!v.isInteger()) {
            throw new QmgrInvalidArgumentException(prop + " needs an integer variant, not " + v.type());
        }
        return v.unsignedValue();
    }

    /**
     * A progress threshold (spec P5): 0 (off) to {@code max}. A negative number in a signed VT is refused as
     * what it is rather than read as a huge unsigned one (spec A-28: negative numbers match no valid value),
     * and no threshold exceeds 0x7FFFFFFF, which {@code getProp} (always VT_I4) could not give back.
     */
    private static long threshold(GroupProp prop, Variant v, long max) {
        long unsigned = integer(prop, v);
        long value = signed(v.type()) ? v.intValue() : unsigned;
        if (value < 0 || value > max) {
            throw new QmgrInvalidArgumentException(prop + " must be 0 to " + max + ", not " + value);
        }
        return value;
    }

    private static boolean signed(VarType type) {
        return type == VarType.I2 || type == VarType.I4 || type == VarType.INT;
    }

    private static String string(GroupProp prop, Variant v, int maxLength) {
        if (v.type() != VarType.BSTR) {
            throw new QmgrInvalidArgumentException(prop + " needs a BSTR variant, not " + v.type());
        }
        String s = v.stringValue();
        if (s.length() > maxLength) {
            throw new QmgrInvalidArgumentException(prop + " is longer than " + maxLength + " characters ("
                    + s.length() + ")");
        }
        return s;
    }

    private static String unsignedText(Variant v) {
        return Long.toString(v.unsignedValue());
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static QmgrNotImplementedException notSupported(GroupProp prop) {
        return new QmgrNotImplementedException(prop + " is not supported");
    }
}
