package org.qmgr.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line.
 *
 * @param scenarios    scenario selectors (names, family prefixes or {@code all}); empty with {@code list}
 * @param list         whether to list the scenarios instead of running any
 * @param stores       the stores to measure, in order ({@code h2}, {@code postgresql}); empty when not given,
 *                     see {@link #stores(List)}
 * @param workDir      where a run directory is created, or {@code null} for the system temp directory
 * @param keep         whether to keep the run directory (and an external PostgreSQL's schemas) afterwards
 * @param jdbcUrl      an external PostgreSQL to use instead of the embedded one, or {@code null}
 * @param jdbcUser     the external PostgreSQL's user
 * @param jdbcPassword the external PostgreSQL's password
 * @param csv          whether to print CSV instead of the aligned table
 * @param originUrlList a file of {@code KIND URL} lines the transfer scenarios download instead of the in-process
 *                     origin's, or {@code null}
 * @param peers        the peer tools of the transfer scenarios: {@code auto}, {@code none} or names
 * @param params       scenario options by name, defaults applied
 */
public record Options(List<String> scenarios, boolean list, List<String> stores, Path workDir, boolean keep,
                      String jdbcUrl, String jdbcUser, String jdbcPassword, boolean csv, Path originUrlList,
                      String peers, Map<String, String> params) {

    /** The stores a run can measure. */
    public static final List<String> STORES = List.of("h2", "postgresql");

    private static final Set<String> FLAGS = Set.of("keep", "csv");

    /**
     * @param args the command line
     * @return the options
     * @throws UsageException naming the first bad word
     */
    public static Options parse(String... args) {
        List<String> selectors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> params = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                selectors.add(arg);
                continue;
            }
            String name = arg.substring(2);
            if (FLAGS.contains(name)) {
                values.put(name, "true");
                continue;
            }
            if (!isOption(name) && !params.containsKey(name)) {
                throw new UsageException("unknown option: " + arg);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + arg + " needs a value");
            }
            (params.containsKey(name) ? params : values).put(name, args[++i]);
        }
        boolean list = selectors.equals(List.of("list"));
        if (selectors.isEmpty()) {
            throw new UsageException("name a scenario to run, or: list");
        }
        String password = values.getOrDefault("jdbc-password", System.getenv().getOrDefault("PGPASSWORD", ""));
        String peers = values.getOrDefault("peers", "auto");
        PeerTool.select(peers);
        return new Options(list ? List.of() : List.copyOf(selectors), list,
                values.containsKey("stores") ? stores(values.get("stores")) : List.of(),
                values.containsKey("work-dir") ? Path.of(values.get("work-dir")) : null,
                values.containsKey("keep"), values.get("jdbc-url"), values.getOrDefault("jdbc-user", "postgres"),
                password, values.containsKey("csv"),
                values.containsKey("origin-url-list") ? Path.of(values.get("origin-url-list")) : null, peers,
                Collections.unmodifiableMap(params));
    }

    /**
     * @param selected the scenarios to run
     * @return the stores given with {@code --stores}, else every store when a queue scenario runs, else h2
     */
    public List<String> stores(List<Scenario> selected) {
        if (!stores.isEmpty()) {
            return stores;
        }
        return selected.stream().allMatch(Scenario::transfers) ? List.of("h2") : STORES;
    }

    /**
     * @param name a scenario option
     * @return its value as a positive integer
     * @throws UsageException naming the option and the value if it is not one
     */
    public int positiveInt(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no scenario declares option --" + name);
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new UsageException("--" + name + " must be a positive integer, not '" + value + "'");
    }

    /** @return the usage text */
    public static String usage() {
        StringBuilder b = new StringBuilder("""
                usage: java -jar qmgr-benchmarks.jar [options] SCENARIO...   (SCENARIO: a name, a family such as 'queue', or 'all')
                       java -jar qmgr-benchmarks.jar list
                  --stores LIST          stores to measure, comma-separated (default h2,postgresql; h2 when
                                         only transfer scenarios run)
                  --work-dir DIR         where the run's databases and files go (default: the system temp directory)
                  --keep                 keep the run directory (and an external PostgreSQL's schemas)
                  --jdbc-url URL         use this PostgreSQL (jdbc:postgresql://host:port/db) instead of an embedded one
                  --jdbc-user USER       its user (default postgres)
                  --jdbc-password PW     its password (default: $PGPASSWORD, else empty)
                  --csv                  print CSV instead of the aligned table
                  --origin-url-list FILE transfer scenarios download these URLs ('KIND URL' lines, KIND one of
                                         1g 4k 64k cap fg) instead of the in-process origin's
                  --peers LIST           peer tools run on the same URLs: auto (those on the PATH, default),
                                         none, or curl,aria2c
                """);
        Map<String, Param> params = new LinkedHashMap<>();
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (Scenario s : Scenarios.all()) {
            for (Param p : s.params()) {
                params.putIfAbsent(p.name(), p);
                users.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(s.name());
            }
        }
        params.forEach((name, p) -> b.append(String.format("  --%-20s %s (default %s; %s)%n", name + " N",
                p.description(), p.defaultValue(), String.join(", ", users.get(name)))));
        return b.toString();
    }

    private static boolean isOption(String name) {
        return Set.of("stores", "work-dir", "jdbc-url", "jdbc-user", "jdbc-password", "origin-url-list", "peers")
                .contains(name);
    }

    private static Map<String, String> defaults() {
        Map<String, String> params = new LinkedHashMap<>();
        Scenarios.all().forEach(s -> s.params().forEach(p -> params.put(p.name(), p.defaultValue())));
        return params;
    }

    private static List<String> stores(String list) {
        List<String> stores = new ArrayList<>();
        for (String s : list.split(",")) {
            String store = s.trim();
            if (!STORES.contains(store)) {
                throw new UsageException("unknown store '" + store + "' (stores: " + String.join(", ", STORES) + ")");
            }
            if (!stores.contains(store)) {
                stores.add(store);
            }
        }
        return List.copyOf(stores);
    }
}
