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
            case REMOTEUSERID -> b.remoteUser(emptyToNull(string(prop, v, MAX_CREDENTIAL)));
            case REMOTEUSERPWD -> b.remotePassword(emptyToNull(string(prop, v, MAX_CREDENTIAL)));
            case PROGRESSSIZE -> b.progressSize(integer(prop, v));
            case PROGRESSPERCENT -> {
                long pct = integer(prop, v);
                if (pct > 100) {
                    throw new QmgrInvalidArgumentException("progress percent must be 0..100, not " + pct);
                }
                b.progressPercent((int) pct);
            }
            case PROGRESSTIME -> b.progressTimeMillis(integer(prop, v));
            case LOCALUSERID, LOCALUSERPWD -> throw notSupported(prop);
        }
        return b.build();
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
