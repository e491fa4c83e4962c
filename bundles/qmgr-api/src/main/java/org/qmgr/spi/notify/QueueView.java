package org.qmgr.spi.notify;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.callback.BackgroundCopyCallback;

/**
 * What the notification machinery may ask the engine about a group at delivery time. Implemented by the
 * qmgr engine and handed to every {@link NotificationSink} with each event; used by {@code qmgr-callbacks}.
 * Thread-safe; never blocks on I/O.
 */
@ProviderType
public interface QueueView {

    /**
     * @param groupId a group
     * @return its current notify flags, or empty when the group is gone (cancelled)
     */
    OptionalInt notifyFlags(UUID groupId);

    /**
     * @param groupId a group
     * @return its current {@code GROUPPROP_NOTIFYCLSID}, or empty
     */
    Optional<UUID> notifyClsid(UUID groupId);

    /**
     * @param groupId a group
     * @return the callback object bound directly to it (spec §2.2.15), or empty
     */
    Optional<BackgroundCopyCallback> directCallback(UUID groupId);

    /**
     * A handle for a listener: usable inside a callback for any operation, {@code cancel()} included.
     *
     * @param groupId a group
     * @return a handle (it fails like any handle once the group is cancelled)
     */
    BackgroundCopyGroup group(UUID groupId);

    /**
     * @param groupId the group holding the job
     * @param jobId   a job, or {@code null}
     * @return a handle to the job, or {@code null} when {@code jobId} is {@code null}
     */
    BackgroundCopyJob job(UUID groupId, UUID jobId);

    /**
     * @param groupId a group
     * @return its current {@code GROUPPROP_DISPLAYNAME}, or empty when it has none or is gone
     */
    Optional<String> displayName(UUID groupId);

    /**
     * Removes a stored notification from the store's outbox: it was delivered, superseded by a newer one
     * (spec §5.4) or dropped on purpose (notifications disabled). Returns at once; the engine deletes
     * acknowledged notifications in batches on its own thread. An event that is not stored, or was stored by
     * another engine instance (a view of an engine that stopped), is ignored: the engine that loads the queue
     * next hands it over again.
     *
     * @param event a notification received through {@link NotificationSink#publish} or
     *              {@link NotificationSink#pending} with this view
     */
    void acknowledge(QueueEvent event);
}
