package org.qmgr.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.api.QmgrServiceUnavailableException;

/**
 * Administration of the queue store: which store the engine runs on, which stores are registered, and
 * moving the whole queue into another store.
 * <p>
 * Obtain it as an OSGi service; it is registered with bundle scope and resolves the caller like
 * {@link org.qmgr.api.BackgroundCopyQMgr} does (the JAAS subject of the calling thread, otherwise the
 * calling bundle). Reading is open to every caller; {@link #migrateTo(String)} is for administrators only.
 * All methods are thread-safe and block the calling thread while they read the stores.
 * <p>
 * A store is a {@code org.qmgr.spi.store.QueueStore} service with a {@code qmgr.store.name} property.
 * The engine picks its store by the {@code store.target} filter of configuration {@code org.qmgr.engine};
 * changing that filter, here or in the configuration, makes the engine stop its transfers with a
 * checkpoint, reload the queue from the newly selected store and carry on, without a restart. While it
 * does so the {@link org.qmgr.api.BackgroundCopyQMgr} service is unregistered and registered again:
 * handles obtained before fail with {@link QmgrServiceUnavailableException}; get the service again.
 */
@ProviderType
public interface QueueStoreAdmin {

    /**
     * The store the engine runs on now.
     *
     * @return the active store with its counts (-1 counts when it cannot be read)
     * @throws QmgrServiceUnavailableException when the engine is not running (no store bound)
     */
    StoreInfo activeStore();

    /**
     * Every registered queue store, ordered by service id; the active one is marked
     * {@link StoreInfo#active()}. A store that cannot be read is listed with -1 counts.
     *
     * @return the stores, possibly empty, never {@code null}
     */
    List<StoreInfo> stores();

    /**
     * Copies the whole queue (groups with their properties, owners, credentials and notification
     * settings; jobs; files with their progress: bytes done, validators, temp file path, digest state,
     * completion and SHA-256) from the active store into another store, verifies the copy by reading it
     * back, and switches the engine to that store by setting {@code store.target} of configuration
     * {@code org.qmgr.engine}, so the choice survives a restart. Leases are runtime state and are not
     * copied; creation order is kept, though the stored sequence numbers may differ.
     * <p>
     * For the duration, transfers are stopped with a checkpoint (their bytes stay in the temp files and
     * continue with {@code Range} on the new store), and state-changing calls fail with
     * {@link QmgrServiceUnavailableException} ("the queue is being migrated"); reads keep working. The
     * call blocks until the engine runs on the new store. If any step fails, the copy is rolled back, the
     * engine stays on its store and resumes its transfers, and nothing is lost. The old store keeps its
     * data. One migration runs at a time.
     *
     * @param target the name ({@code qmgr.store.name}) of the store to move to, e.g. {@code postgres}, or an
     *               LDAP filter matching exactly one store, e.g. {@code (qmgr.store.name=postgres)}
     * @return what was copied and how long it took
     * @throws QmgrAccessDeniedException     if the caller is not an administrator
     * @throws QmgrInvalidArgumentException  if {@code target} is {@code null}, empty, a malformed filter,
     *                                       matches no store or several, or names the active store
     * @throws QmgrInvalidStateException     if the target store is not empty (a queue is never merged)
     * @throws QmgrServiceUnavailableException if the engine is not running, another migration is running,
     *                                       or a store or the configuration cannot be read or written
     */
    MigrationResult migrateTo(String target);
}
