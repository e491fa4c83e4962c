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

/**
 * The transports bound to the engine, chosen per URL scheme by service ranking, then service id. Each is handed
 * out as its {@link TransportBinding}, which the engine retires when the service goes.
 */
final class TransportRegistry {

    private record Entry(TransportBinding binding, Set<String> schemes, int ranking, long serviceId) {

        Transport service() {
            return binding.service();
        }
    }

    private static final Comparator<Entry> BEST_FIRST = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    synchronized void add(Transport transport, Map<String, ?> properties) {
        entries.add(entry(new TransportBinding(transport, name(transport, properties)), properties));
    }

    /** A bound service's properties changed (its ranking or schemes): it keeps its binding. */
    synchronized void update(Transport transport, Map<String, ?> properties) {
        for (Entry e : entries) {
            if (e.service() == transport) {
                entries.set(entries.indexOf(e), entry(e.binding, properties));
                return;
            }
        }
    }

    /** @return the binding of the removed service, to retire; empty when it was not bound */
    synchronized Optional<TransportBinding> remove(Transport transport) {
        Optional<Entry> gone = entries.stream().filter(e -> e.service() == transport).findFirst();
        gone.ifPresent(entries::remove);
        return gone.map(Entry::binding);
    }

    /** @return the best transport for the scheme (lower case), if any */
    Optional<Transport> forScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.schemes.contains(s)).min(BEST_FIRST).map(Entry::binding);
    }

    /** @return whether some transport serves a scheme of the protocol family (spec P8) */
    boolean serves(Protocol protocol) {
        if (protocol == Protocol.CUSTOM) {
            Set<String> standard = Set.of("http", "https", "ftp", "ftps", "file");
            return entries.stream().flatMap(e -> e.schemes.stream()).anyMatch(s -> !standard.contains(s));
        }
        return protocol.schemes().stream().anyMatch(s -> forScheme(s).isPresent());
    }

    private static Entry entry(TransportBinding binding, Map<String, ?> properties) {
        return new Entry(binding, schemesOf(properties.get(Transport.SCHEMES)),
                properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                properties.get(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE);
    }

    /** A name for logs: the implementation class and, under OSGi, the service id. */
    private static String name(Transport transport, Map<String, ?> properties) {
        Object id = properties.get(Constants.SERVICE_ID);
        return transport.getClass().getSimpleName() + (id == null ? "" : "#" + id);
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
