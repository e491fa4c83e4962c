package org.qmgr.api;

/**
 * {@code E_INVALIDARG} for custom request headers ({@link BackgroundCopyGroup#setCustomHeaders}): says which
 * header is wrong and why. A bad value is described by the position and code of the offending character, never
 * quoted: header values often carry tokens.
 *
 * @since 1.1
 */
public class QmgrInvalidHeaderException extends QmgrInvalidArgumentException {

    private static final long serialVersionUID = 1L;

    /** Which rule of {@link CustomHeaders} the headers break. */
    public enum Reason {
        /** A header line is not of the form {@code Name: value}. */
        MALFORMED,
        /** A name is {@code null}, empty or not an RFC 7230 token. */
        NAME,
        /** A value is {@code null}, has a control or non-ASCII character, or leading or trailing white space. */
        VALUE,
        /** The transport owns the header ({@link CustomHeaders#RESERVED}). */
        RESERVED,
        /** Two headers have the same name, ignoring case. */
        DUPLICATE,
        /** More than {@link CustomHeaders#MAX_HEADERS} headers. */
        TOO_MANY,
        /** The header lines take more than {@link CustomHeaders#MAX_BYTES} bytes. */
        TOO_LARGE
    }

    private final Reason reason;
    private final String header;

    /**
     * Creates the exception with hresult {@code E_INVALIDARG}.
     *
     * @param reason  the rule broken, not {@code null}
     * @param header  the name of the offending header, or {@code null} when the rule concerns them all
     * @param message the detail, naming the header and the problem
     */
    public QmgrInvalidHeaderException(Reason reason, String header, String message) {
        super(message);
        this.reason = reason;
        this.header = header;
    }

    /**
     * Which rule the headers break.
     *
     * @return the reason, never {@code null}
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The offending header's name as given; for {@link Reason#MALFORMED} the whole line.
     *
     * @return the name, or {@code null} for {@link Reason#TOO_MANY} and {@link Reason#TOO_LARGE}
     */
    public String header() {
        return header;
    }
}
