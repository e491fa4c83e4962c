package org.qmgr.shell.internal.config;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * Turns a PID's configuration and metatype into rows of effective values: every declared attribute (set, or
 * its default), then every other key the configuration sets. Secrets never leave this class in clear.
 */
public final class EffectiveConfig {

    /** What is shown instead of a secret's value. */
    public static final String MASK = "********";

    /** Bookkeeping properties of Configuration Admin and fileinstall, not settings. */
    private static final Set<String> BOOKKEEPING = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", "felix.fileinstall.filename");
    private static final List<String> SECRET_WORDS = List.of("password", "pwd", "secret", "credential");

    private EffectiveConfig() {
    }

    /** @return the PID's rows: declared attributes in metatype order, then other keys set, by name */
    public static List<ConfigRow> rows(PidConfig c) {
        Map<String, Object> props = c.properties() == null ? Map.of() : c.properties();
        List<ConfigRow> rows = new ArrayList<>();
        for (AttributeDefinition ad : c.attributes()) {
            String key = ad.getID();
            boolean set = props.containsKey(key);
            String declared = ad.getDefaultValue() == null ? "" : String.join(",", ad.getDefaultValue());
            String value = set ? text(props.get(key)) : declared;
            boolean secret = isSecret(key) || ad.getType() == AttributeDefinition.PASSWORD;
            rows.add(new ConfigRow(c.pid(), key, secret ? MASK : value, secret ? MASK : declared, set));
        }
        Set<String> declared = c.attributes().stream().map(AttributeDefinition::getID).collect(Collectors.toSet());
        new TreeMap<>(props).forEach((key, v) -> {
            if (!declared.contains(key) && !BOOKKEEPING.contains(key)) {
                rows.add(new ConfigRow(c.pid(), key, isSecret(key) ? MASK : text(v), "", true));
            }
        });
        return rows;
    }

    /** @return whether a key names a secret (password, pwd, secret, credential; any case) */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(k::contains);
    }

    /** @return a property value as text; arrays and collections comma-separated */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                items.add(String.valueOf(Array.get(v, i)));
            }
            return String.join(",", items);
        }
        if (v instanceof Collection<?> items) {
            return items.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(v);
    }
}
