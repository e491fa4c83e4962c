package org.qmgr.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The registry of scenarios, and the selection of scenarios from command-line words. */
public final class Scenarios {

    private Scenarios() {
    }

    /** @return every scenario, in the order they run */
    public static List<Scenario> all() {
        return List.of(new QueueEnqueueRestart());
    }

    /**
     * @param selectors scenario names, family prefixes (e.g. {@code queue} selects {@code queue-…}) or {@code all}
     * @return the selected scenarios, each once, in registry order
     * @throws UsageException if a selector matches nothing
     */
    public static List<Scenario> select(List<String> selectors) {
        Set<String> selected = new HashSet<>();
        for (String selector : selectors) {
            List<String> matched = all().stream().map(Scenario::name).filter(n -> matches(selector, n)).toList();
            if (matched.isEmpty()) {
                throw new UsageException("no scenario matches '" + selector + "' (try: list)");
            }
            selected.addAll(matched);
        }
        return all().stream().filter(s -> selected.contains(s.name())).toList();
    }

    private static boolean matches(String selector, String name) {
        return selector.equals("all") || selector.equals(name) || name.startsWith(selector + "-");
    }
}
