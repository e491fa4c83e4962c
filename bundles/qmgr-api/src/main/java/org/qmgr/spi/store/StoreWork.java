package org.qmgr.spi.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A unit of work run inside one store transaction (implemented by the store's user, the engine).
 *
 * @param <T> the result type
 */
@ConsumerType
@FunctionalInterface
public interface StoreWork<T> {

    /**
     * @param tx the transaction; valid only during this call
     * @return the result, may be {@code null}
     */
    T run(StoreTransaction tx);
}
