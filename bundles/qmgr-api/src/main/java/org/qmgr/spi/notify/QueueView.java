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
}
