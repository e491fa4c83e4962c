package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Constants;
import org.qmgr.api.Protocol;
import org.qmgr.spi.transport.Transport;

/** The transports bound to the engine, chosen per URL scheme by service ranking, then service id. */
final class TransportRegistry {

    private record Entry(Transport transport, Set<String> schemes, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> BEST_FIRST = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void add(Transport transport, Map<String, ?> properties) {
        entries.add(new Entry(transport, schemesOf(properties.get(Transport.SCHEMES)),
                properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                properties.get(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE));
    }

    void remove(Transport transport) {
        entries.removeIf(e -> e.transport == transport);
    }

    /** @return the best transport for the scheme (lower case), if any */
    Optional<Transport> forScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.schemes.contains(s)).min(BEST_FIRST).map(Entry::transport);
    }

    /** @return whether some transport serves a scheme of the protocol family (spec P8) */
    boolean serves(Protocol protocol) {
        if (protocol == Protocol.CUSTOM) {
            Set<String> standard = Set.of("http", "https", "ftp", "ftps", "file");
            return entries.stream().flatMap(e -> e.schemes.stream()).anyMatch(s -> !standard.contains(s));
        }
        return protocol.schemes().stream().anyMatch(s -> forScheme(s).isPresent());
    }

    private static Set<String> schemesOf(Object value) {
        Collection<?> raw;
        if (value instanceof String s) {
            raw = List.of(s.split(","));
        } else if (value instanceof String[] a) {
            raw = List.of(a);
        } else if (value instanceof Collection<?> c) {
            raw = c;
        } else {
            raw = List.of();
        }
        List<String> schemes = new ArrayList<>();
        raw.forEach(o -> schemes.add(String.valueOf(o).trim().toLowerCase(Locale.ROOT)));
        return Set.copyOf(schemes);
    }
}
