package org.qmgr.spi.notify;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives every queue event the engine raises. Implementations must return quickly (queue the event and
 * deliver it on their own threads) and must not throw.
 */
@ProviderType
public interface NotificationSink {

    /**
     * @param event what happened, never {@code null}
     * @param view  the engine's view of its groups, to consult at delivery time (current flags, bindings,
     *              handles for listeners); never {@code null}. The engine hands it over with every event, so
     *              a sink needs no reference back to the engine.
     */
    void publish(QueueEvent event, QueueView view);
}
