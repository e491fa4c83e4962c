package org.qmgr.api.callback;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a group's notifications (QMGR {@code IBackgroundCopyCallback1}, spec §5, with P5–P6).
 * <p>
 * <b>Which calls.</b> Decided with the group's {@code GROUPPROP_NOTIFYFLAGS} as they were when the event
 * happened: {@link #onStatus} when the group enters ERROR (always, unless {@code DISABLE_NOTIFY}), when it
 * completes ({@code GROUP_DONE}), for each committed file ({@code FILE_DONE}, file index set) and for each
 * completed job ({@code JOB_DONE}, file index -1). {@link #onProgress} (or {@link #onProgressEx} with
 * {@code USE_PROGRESSEX}) when a progress threshold of the group ({@code GROUPPROP_PROGRESSSIZE},
 * {@code PROGRESSPERCENT}, {@code PROGRESSTIME}; all 0, that is off, by default) was crossed since the last
 * progress call, never more often than the engine's {@code minProgressIntervalMs}. {@code DISABLE_NOTIFY}
 * silences everything, including notifications still waiting for redelivery. Cancel, suspend and resume are
 * never reported to a callback (an {@link QueueObserver} sees them).
 * <p>
 * <b>Matching.</b> A directly bound object ({@code setNotificationCallback}, never stored) wins over a service
 * matched by class id: a service of this type whose {@link #CLSID_PROPERTY} equals the group's
 * {@code GROUPPROP_NOTIFYCLSID} and that is visible to the group's owner; among several, the best ranked,
 * then the oldest. The class id is looked up again at each delivery, so a service that went and came back
 * (a bundle update, a restart) receives what is pending.
 * <p>
 * <b>Threading and order.</b> Methods are called on a qmgr notification thread, never on the thread of the
 * API call that caused the event, and never while qmgr holds a lock, so a listener may call any qmgr method
 * (including {@code cancel()}). Per group, notifications arrive one at a time in the order the events
 * happened; at most 4 run at once per owner (configuration {@code maxConcurrentNotificationsPerOwner} of
 * {@code org.qmgr.callbacks}). A listener that blocks keeps only its own slot: other groups' and owners'
 * listeners go on. Keep implementations short.
 * <p>
 * <b>Failure and durability.</b> Returning normally is {@code S_OK}. Throwing anything, or no listener being
 * found, is a failure: the same notification (same arguments) is delivered again after
 * {@code notificationRetrySeconds}, doubling up to {@code maxNotificationRetrySeconds}, until it succeeds,
 * the group is cancelled, notifications are disabled, or a newer event for the group replaces it (spec
 * §5.4). Status notifications are stored with the queue in the transaction of the change that caused them
 * and removed once delivered, so one due when the JVM stops is delivered after the restart: at least once,
 * and more than once only if the JVM stops while the listener runs or just after it returned. Progress
 * notifications are not stored: a newer one replaces one not yet delivered, and one that throws or finds no
 * listener is not repeated.
 */
@ConsumerType
public interface BackgroundCopyCallback {

    /**
     * Service property naming the class id (a UUID in text form, with or without braces) that groups
     * refer to by {@code GROUPPROP_NOTIFYCLSID}.
     */
    String CLSID_PROPERTY = "qmgr.callback.clsid";

    /**
     * A group completed or entered the error state (spec §5.2, §5.3; more events with P6 flags).
     *
     * @param notification what happened, never {@code null}
     * @throws Exception to ask for redelivery
     */
    void onStatus(StatusNotification notification) throws Exception;

    /**
     * A progress threshold was crossed (spec P5/P6). Called only when the group asked for progress
     * notifications; the default does nothing.
     *
     * @param notification the progress, never {@code null}
     * @throws Exception to ask for redelivery
     */
    default void onProgress(ProgressNotification notification) throws Exception {
    }

    /**
     * Extended progress, when the group set {@code QM_NOTIFY_USE_PROGRESSEX} (spec P6). The payload is a
     * little-endian record of three int64, 24 bytes: bytes done, bytes total (0 while a size is unknown),
     * current bytes per second. The default does nothing.
     *
     * @param notification the progress, never {@code null}
     * @param payload      the extended record, never {@code null} (empty for none)
     * @throws Exception to ask for redelivery
     */
    default void onProgressEx(ProgressNotification notification, byte[] payload) throws Exception {
    }
}
