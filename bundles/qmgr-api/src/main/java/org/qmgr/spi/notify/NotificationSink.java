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
     */
    void publish(QueueEvent event);
}
