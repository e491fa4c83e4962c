package org.qmgr.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The registry of scenarios, and the selection of scenarios from command-line words. */
public final class Scenarios {

    private Scenarios() {
    }

    /** @return every scenario, in the order they run; a family is the name's first word (queue, transfer) */
    public static List<Scenario> all() {
        return List.of(new QueueEnqueueRestart(),
                new TransferFiles("transfer-1g", "1g", new Param("big-file-mib", "1024", "size of the one file, MiB"),
                        -1),
                new TransferFiles("transfer-4k-x10000", "4k", new Param("small-files", "10000", "files of 4 KiB"),
                        4096),
                new TransferFiles("transfer-64k-x2000", "64k", new Param("medium-files", "2000", "files of 64 KiB"),
                        64 * 1024),
                new CapHold(), new ForegroundStepAside());
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
