package org.qmgr.api;

import java.util.Set;

/**
 * The values of {@code GROUPPROP_PROTOCOLFLAGS}, {@code QM_PROTOCOL_*}: enumerated values, not bits (§4.3).
 *
 * <p>Under P8 a protocol is a family of URL schemes, each served by a transport service. {@link #HTTP} is the
 * default; the others are accepted only when a transport for one of their schemes is registered, otherwise
 * {@code setProp} fails with {@code E_NOTIMPL}. {@code addFiles} rejects a URL whose scheme the group's protocol
 * does not allow.
 */
public enum Protocol {
    /** {@code QM_PROTOCOL_HTTP} (1): {@code http} and {@code https}; the default (§4.3, P8). */
    HTTP(1, Set.of("http", "https")),
    /** {@code QM_PROTOCOL_FTP} (2): {@code ftp} and {@code ftps}, if a transport is registered (P8). */
    FTP(2, Set.of("ftp", "ftps")),
    /** {@code QM_PROTOCOL_SMB} (3): {@code file:} URLs, the local or share case (P8). */
    SMB(3, Set.of("file")),
    /**
     * {@code QM_PROTOCOL_CUSTOM} (4): any scheme not claimed by the other protocols, if a transport for it is
     * registered (P8). Its {@link #schemes()} set is empty because it is open-ended.
     */
    CUSTOM(4, Set.of());

    private final int value;
    private final Set<String> schemes;

    Protocol(int value, Set<String> schemes) {
        this.value = value;
        this.schemes = schemes;
    }

    /**
     * The numeric {@code QM_PROTOCOL_*} value (§4.3).
     *
     * @return 1..4
     */
    public int value() {
        return value;
    }

    /**
     * The lower-case URL schemes this protocol allows (P8). For {@link #CUSTOM} the set is empty, meaning
     * "any scheme not in the set of another protocol".
     *
     * @return an unmodifiable set, never {@code null}
     */
    public Set<String> schemes() {
        return schemes;
    }

    /**
     * The protocol with the given value (§4.3).
     *
     * @param value the raw {@code QM_PROTOCOL_*} value
     * @return the protocol, never {@code null}
     * @throws QmgrInvalidArgumentException for a value outside 1..4
     */
    public static Protocol fromValue(int value) {
        Protocol protocol = EnumCodes.byValue(Protocol.class, value, Protocol::value);
        if (protocol == null) {
            throw new QmgrInvalidArgumentException("unknown protocol " + Integer.toUnsignedString(value));
        }
        return protocol;
    }
}
