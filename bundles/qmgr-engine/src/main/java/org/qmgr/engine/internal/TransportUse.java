package org.qmgr.engine.internal;

import java.util.HashMap;
import java.util.Map;

import org.qmgr.spi.transport.Transport;

/**
 * Which transport a group's running transfer was handed, per URL scheme, so that the scheduler can tell when a
 * better-ranked transport arrived or the one in use went. Guarded by the engine lock.
 */
final class TransportUse {

    private final Map<String, Transport> byScheme = new HashMap<>();
    /** The transfer gave its slot back only to change transport: it keeps its turn. */
    private boolean moving;

    /** Records the transport a file of the running transfer uses. */
    void record(String scheme, Transport transport) {
        byScheme.put(scheme, transport);
    }

    /** Forgets the transports: the transfer ended. */
    void clear() {
        byScheme.clear();
    }

    /** @return a scheme whose best transport is no longer the one in use, or {@code null} when none */
    String outdated(TransportRegistry registry) {
        for (Map.Entry<String, Transport> e : byScheme.entrySet()) {
            if (registry.forScheme(e.getKey()).orElse(null) != e.getValue()) {
                return e.getKey();
            }
        }
        return null;
    }

    /** @return the transport in use for the scheme, or {@code null} */
    Transport inUse(String scheme) {
        return byScheme.get(scheme);
    }

    void moving(boolean value) {
        moving = value;
    }

    boolean moving() {
        return moving;
    }
}
