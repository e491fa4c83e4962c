package org.qmgr.spi.notify;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives every queue event the engine raises. Implementations must return quickly (queue the event and
 * deliver it on their own threads) and must not throw. The engine calls a sink from one thread at a time
 * per event kind, in the order the events happened, never while holding its lock.
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

    /**
     * A progress sample (spec P5/P6). The default ignores it.
     *
     * @param event the sample, never {@code null}
     * @param view  as for {@link #publish}
     */
    default void progress(ProgressEvent event, QueueView view) {
    }

    /**
     * The notifications the store holds and nobody has acknowledged yet, in event order: handed over when the
     * engine has loaded its queue (at start, after a restart, on a new store) and when this sink binds to a
     * running engine. Some may also arrive through {@link #publish} (same {@link QueueEvent#sequence()}); a
     * sink delivering notifications keeps the first. A new {@code view} means a new engine instance: what the
     * sink held from another view is superseded by this list. The default ignores it.
     *
     * @param stored the stored notifications, never {@code null}
     * @param view   the engine's view, never {@code null}
     */
    default void pending(List<QueueEvent> stored, QueueView view) {
    }
}
