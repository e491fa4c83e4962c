package org.qmgr.store.jdbc.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A group's custom request headers in one column: a {@code Name: value} line per header, each ended by CR LF, in
 * their order. Lossless because a record's names hold no colon, CR or LF and its values no CR or LF; exactly one
 * space follows the colon, so a value's own leading spaces survive.
 */
final class HeaderLines {

    private static final String END = "\r\n";

    private HeaderLines() {
    }

    static String encode(Map<String, String> headers) {
        StringBuilder b = new StringBuilder();
        headers.forEach((name, value) -> b.append(name).append(": ").append(value).append(END));
        return b.toString();
    }

    /** @throws IllegalStateException for text this class did not write */
    static Map<String, String> decode(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(END, start);
            int colon = text.indexOf(": ", start);
            if (end < 0 || colon < 0 || colon > end) {
                throw new IllegalStateException("malformed custom_headers column at character " + start);
            }
            headers.put(text.substring(start, colon), text.substring(colon + 2, end));
            start = end + END.length();
        }
        return headers;
    }
}
