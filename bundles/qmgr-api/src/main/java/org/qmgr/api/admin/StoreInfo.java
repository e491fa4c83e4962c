package org.qmgr.api.admin;

import java.util.Objects;

/**
 * A queue store service as seen at one moment: its name, its service id, whether the engine uses it, and
 * how much queue it holds.
 *
 * @param name      the store's {@code qmgr.store.name} service property, e.g. {@code jdbc}
 * @param serviceId the store's {@code service.id} (changes when the store is re-registered)
 * @param active    whether the queue engine runs on this store now
 * @param groups    groups stored, or -1 when the store could not be read
 * @param jobs      jobs stored, or -1 when the store could not be read
 * @param files     files stored, or -1 when the store could not be read
 */
public record StoreInfo(String name, long serviceId, boolean active, long groups, long jobs, long files) {

    /** Rejects a {@code null} name. */
    public StoreInfo {
        Objects.requireNonNull(name, "name");
    }

    /** @return whether the counts are known, i.e. the store could be read */
    public boolean readable() {
        return groups >= 0;
    }
}
