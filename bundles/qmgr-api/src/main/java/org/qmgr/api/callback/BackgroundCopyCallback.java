package org.qmgr.api.callback;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a group's notifications (QMGR {@code IBackgroundCopyCallback1}, spec §5).
 * <p>
 * <b>Threading.</b> Methods are called on a qmgr notification thread, never on the thread of the API call
 * that caused the event, and never while qmgr holds a lock, so a listener may call any qmgr method
 * (including {@code cancel()}). Per group, notifications arrive one at a time in the order the events
 * happened; at most 4 run at once per owner. Keep implementations short.
 * <p>
 * <b>Failure.</b> Returning normally is {@code S_OK}. Throwing anything is a failure: the same
 * notification is delivered again later with back-off, until it succeeds, the group is cancelled,
 * notifications are disabled, or a newer event for the group replaces it.
 * <p>
 * <b>Matching.</b> A directly bound object wins over a service matched by class id; a service is matched
 * when its {@link #CLSID_PROPERTY} equals the group's {@code GROUPPROP_NOTIFYCLSID}.
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
     * little-endian record of three int64: bytes done, bytes total, current bytes per second. The default
     * does nothing.
     *
     * @param notification the progress, never {@code null}
     * @param payload      the extended record, never {@code null} (empty for none)
     * @throws Exception to ask for redelivery
     */
    default void onProgressEx(ProgressNotification notification, byte[] payload) throws Exception {
    }
}
