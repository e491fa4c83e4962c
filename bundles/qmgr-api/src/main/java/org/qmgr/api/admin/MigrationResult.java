package org.qmgr.api.admin;

import java.time.Duration;
import java.util.Objects;

/**
 * What a completed {@link QueueStoreAdmin#migrateTo(String) migration} did.
 *
 * @param from        name of the store the queue was copied from (the engine no longer uses it; its data is kept)
 * @param to          name of the store the engine uses now
 * @param storeTarget the {@code store.target} filter now configured for the engine (it survives a restart)
 * @param groups      groups copied
 * @param jobs        jobs copied
 * @param files       files copied, with their progress
 * @param duration    from the start of the migration until the engine ran on the new store
 */
public record MigrationResult(String from, String to, String storeTarget, long groups, long jobs, long files,
                              Duration duration) {

    /** Rejects {@code null} parts. */
    public MigrationResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(storeTarget, "storeTarget");
        Objects.requireNonNull(duration, "duration");
    }
}
