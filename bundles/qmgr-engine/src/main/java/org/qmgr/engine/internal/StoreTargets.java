package org.qmgr.engine.internal;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.spi.store.QueueStore;

/**
 * Turns what an administrator typed (a store name or an LDAP filter) into exactly one store, and into the
 * {@code store.target} filter that selects it by name, so the choice still holds after a restart, when
 * service ids have changed.
 */
final class StoreTargets {

    private StoreTargets() {
    }

    /**
     * @param store  the chosen store
     * @param filter {@code (qmgr.store.name=<its name>)}, escaped
     */
    record Choice(StoreMigration.Store store, String filter) {
    }

    /**
     * @param target a store name or a filter such as {@code (qmgr.store.name=postgres)}
     * @param stores the named stores registered now
     * @param active the store the engine uses
     * @return the one store meant
     * @throws QmgrInvalidArgumentException naming the bad value: empty, malformed, no match, several
     *         matches, a name shared by several stores, or the active store itself
     */
    static Choice choose(String target, List<StoreMigration.Store> stores, StoreMigration.Store active) {
        if (target == null || target.isBlank()) {
            throw new QmgrInvalidArgumentException("the target store must be a store name or a filter, not '"
                    + target + "'");
        }
        String t = target.trim();
        List<StoreMigration.Store> matches = t.startsWith("(") ? byFilter(t, stores) : byName(t, stores);
        if (matches.isEmpty()) {
            throw new QmgrInvalidArgumentException("no queue store matches '" + t + "'; stores: " + names(stores));
        }
        if (matches.size() > 1) {
            throw new QmgrInvalidArgumentException(matches.size() + " queue stores match '" + t + "': "
                    + names(matches) + "; name exactly one");
        }
        StoreMigration.Store chosen = matches.get(0);
        if (chosen.store() == active.store()) {
            throw new QmgrInvalidArgumentException("'" + t + "' is the active queue store " + active
                    + "; name another store");
        }
        long sameName = stores.stream().filter(s -> s.name().equals(chosen.name())).count();
        if (sameName > 1) {
            throw new QmgrInvalidArgumentException(sameName + " queue stores are named '" + chosen.name()
                    + "'; give each store its own " + QueueStore.STORE_NAME);
        }
        return new Choice(chosen, "(" + QueueStore.STORE_NAME + "=" + escape(chosen.name()) + ")");
    }

    private static List<StoreMigration.Store> byName(String name, List<StoreMigration.Store> stores) {
        return stores.stream().filter(s -> s.name().equals(name)).toList();
    }

    private static List<StoreMigration.Store> byFilter(String text, List<StoreMigration.Store> stores) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(text);
        } catch (InvalidSyntaxException e) {
            throw new QmgrInvalidArgumentException("'" + text + "' is not a valid filter: " + e.getMessage(), e);
        }
        return stores.stream().filter(s -> filter.matches(s.properties())).toList();
    }

    private static String names(List<StoreMigration.Store> stores) {
        return stores.isEmpty() ? "none" : stores.stream().sorted(Comparator.comparingLong(StoreMigration.Store::serviceId))
                .map(StoreMigration.Store::toString).collect(Collectors.joining(", "));
    }

    /** Escapes a value for an LDAP filter (RFC 1960): backslash, asterisk and parentheses. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
