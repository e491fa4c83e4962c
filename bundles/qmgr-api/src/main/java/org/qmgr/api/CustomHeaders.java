package org.qmgr.api;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.qmgr.api.QmgrInvalidHeaderException.Reason;

/**
 * The rules of a group's custom request headers ({@link BackgroundCopyGroup#setCustomHeaders}), for the engine
 * and for clients that want to check or parse headers before sending them. Stateless and thread-safe.
 * <ul>
 * <li>A name is an RFC 7230 token ({@code !#$%&'*+-.^_`|~}, digits, letters), unique ignoring case.</li>
 * <li>A value is printable ASCII, spaces and tabs, without leading or trailing white space (which HTTP would
 * drop); it may be empty. No CR, LF or NUL, so a value can never start another header.</li>
 * <li>The headers the transport owns are refused: see {@link #RESERVED}.</li>
 * <li>At most {@value #MAX_HEADERS} headers taking at most {@value #MAX_BYTES} bytes as {@code Name: value\r\n}
 * lines (the limit of BITS' {@code SetCustomHeaders}).</li>
 * </ul>
 *
 * @since 1.1
 */
public final class CustomHeaders {

    /** Most headers a group may hold. */
    public static final int MAX_HEADERS = 64;
    /** Most bytes the headers may take as {@code Name: value\r\n} lines. */
    public static final int MAX_BYTES = 16 * 1024;
    /**
     * Names refused, in lower case: message framing and connection management ({@code Host},
     * {@code Content-Length}, {@code Transfer-Encoding}, {@code Connection}, {@code Keep-Alive},
     * {@code Proxy-Connection}, {@code TE}, {@code Trailer}, {@code Upgrade}) belong to the transport and HTTP/2
     * forbids the hop-by-hop ones; {@code Range} and {@code If-Range} belong to the engine's resume;
     * {@code Accept-Encoding} would make the server send compressed bytes, so offsets would no longer count the
     * file's bytes; {@code Authorization} and {@code Proxy-Authorization} belong to
     * {@link BackgroundCopyGroup#setRemoteCredentials} and the transport's proxy settings, which answer
     * challenges, drop credentials on redirects to other hosts and never show a password, whereas custom headers
     * go to every redirect hop and read back in clear.
     */
    public static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "range", "if-range", "accept-encoding",
            "authorization", "proxy-authorization");

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private CustomHeaders() {
    }

    /**
     * Checks headers against the rules.
     *
     * @param headers the headers, not {@code null}; iteration order is kept
     * @return an unmodifiable copy in the same order
     * @throws QmgrInvalidHeaderException naming the first header that breaks a rule, and the rule
     * @throws QmgrInvalidArgumentException when {@code headers} is {@code null}
     */
    public static Map<String, String> validate(Map<String, String> headers) {
        if (headers == null) {
            throw new QmgrInvalidArgumentException("custom headers must not be null; an empty map clears them");
        }
        if (headers.size() > MAX_HEADERS) {
            throw new QmgrInvalidHeaderException(Reason.TOO_MANY, null,
                    headers.size() + " custom headers, more than the " + MAX_HEADERS + " allowed");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            String name = e.getKey();
            checkName(name);
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new QmgrInvalidHeaderException(Reason.DUPLICATE, name,
                        "custom header " + name + " appears twice (names are case-insensitive)");
            }
            checkValue(name, e.getValue());
            bytes += name.length() + 2L + e.getValue().length() + 2L;
            copy.put(name, e.getValue());
        }
        if (bytes > MAX_BYTES) {
            throw new QmgrInvalidHeaderException(Reason.TOO_LARGE, null,
                    "custom headers take " + bytes + " bytes as header lines, more than the " + MAX_BYTES + " allowed");
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Parses header lines of the form {@code Name: value} (white space around the value is dropped, as HTTP does)
     * and checks them against the rules, e.g. for a command line's {@code --header} options.
     *
     * @param lines the lines, not {@code null}, without line ends
     * @return the headers in line order, unmodifiable
     * @throws QmgrInvalidHeaderException for a line without a colon, or headers that break a rule
     * @throws QmgrInvalidArgumentException when {@code lines} or one of them is {@code null}
     */
    public static Map<String, String> parse(List<String> lines) {
        if (lines == null) {
            throw new QmgrInvalidArgumentException("header lines must not be null");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines) {
            if (line == null) {
                throw new QmgrInvalidArgumentException("a header line is null");
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new QmgrInvalidHeaderException(Reason.MALFORMED, line,
                        "header line " + describe(line) + " has no colon; the form is Name: value");
            }
            String name = line.substring(0, colon);
            if (headers.put(name, line.substring(colon + 1).strip()) != null) {
                throw new QmgrInvalidHeaderException(Reason.DUPLICATE, name,
                        "custom header " + describe(name) + " appears twice");
            }
        }
        return validate(headers);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new QmgrInvalidHeaderException(Reason.NAME, name, "a custom header name is null or empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isTokenChar(c)) {
                throw new QmgrInvalidHeaderException(Reason.NAME, name, "custom header name " + describe(name)
                        + " is not an RFC 7230 token: " + character(c) + " at index " + i);
            }
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new QmgrInvalidHeaderException(Reason.RESERVED, name,
                    "custom header " + name + " is set by the transport or the engine, not by a group");
        }
    }

    private static void checkValue(String name, String value) {
        if (value == null) {
            throw new QmgrInvalidHeaderException(Reason.VALUE, name, "custom header " + name + " has a null value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                throw new QmgrInvalidHeaderException(Reason.VALUE, name, "the value of custom header " + name
                        + " has " + character(c) + " at index " + i + "; only printable ASCII, spaces and tabs");
            }
        }
        if (!value.isEmpty() && (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)))) {
            throw new QmgrInvalidHeaderException(Reason.VALUE, name, "the value of custom header " + name
                    + " starts or ends with white space, which HTTP drops");
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String character(char c) {
        return String.format("U+%04X", (int) c);
    }

    /** A name or line for a message: quoted, with control characters shown as code points. */
    private static String describe(String text) {
        StringBuilder b = new StringBuilder("\"");
        text.chars().limit(100).forEach(c -> b.append(c < 0x20 || c == 0x7F ? "\\u" + String.format("%04X", c)
                : String.valueOf((char) c)));
        return b.append(text.length() > 100 ? "…\"" : "\"").toString();
    }
}
