package org.qmgr.transport.jetty.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code proxy.nonProxyHosts} patterns: an exact host, or one {@code *} at the start or the end
 * ({@code *.example.com}, {@code 10.*}), matched case-insensitively like the JDK's {@code http.nonProxyHosts}.
 * Jetty's own excluded addresses compare {@code host:port} literally, hence this matcher.
 */
final class NonProxyHosts {

    private NonProxyHosts() {
    }

    /**
     * @param patterns the configured values; blank entries are skipped, and each may hold several patterns
     *                 separated by {@code |} or {@code ,} (as the JDK property and a one-line cfg value do)
     * @return the normalized patterns
     * @throws IllegalArgumentException for a pattern with a {@code *} elsewhere than at one end
     */
    static List<String> parse(String[] patterns) {
        List<String> parsed = new ArrayList<>();
        if (patterns == null) {
            return parsed;
        }
        for (String value : patterns) {
            for (String p : value == null ? new String[0] : value.split("[|,]")) {
                String pattern = p.trim().toLowerCase(Locale.ROOT);
                if (pattern.isEmpty()) {
                    continue;
                }
                String inner = pattern.length() > 1 ? pattern.substring(1, pattern.length() - 1) : "";
                if (pattern.equals("*") || inner.contains("*") || (pattern.startsWith("*") && pattern.endsWith("*"))) {
                    throw Settings.bad("proxy.nonProxyHosts", p.trim(),
                            "may have one * only at its start or its end");
                }
                parsed.add(pattern);
            }
        }
        return List.copyOf(parsed);
    }

    /** @return whether {@code host} matches one of {@code patterns} */
    static boolean matches(List<String> patterns, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        for (String pattern : patterns) {
            boolean match = pattern.startsWith("*") ? h.endsWith(pattern.substring(1))
                    : pattern.endsWith("*") ? h.startsWith(pattern.substring(0, pattern.length() - 1))
                    : h.equals(pattern);
            if (match) {
                return true;
            }
        }
        return false;
    }
}
