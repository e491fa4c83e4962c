package org.qmgr.api.dto;

import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of notification delivery ({@link org.qmgr.api.callback.CallbackRuntime}).
 *
 * @since 1.2
 */
public class CallbackRuntimeDTO {
    /** Callback services matched by class id and observers in use. */
    public List<ListenerDTO> listeners = new ArrayList<>();
    /** Services refused, each with the reason (bad class id, bad filter, admin claim refused). */
    public List<FailedListenerDTO> failedListeners = new ArrayList<>();
    /** Notifications waiting for delivery or redelivery, oldest first. */
    public List<PendingNotificationDTO> pending = new ArrayList<>();
    /** Listener calls running now. */
    public int inFlight;
    /** Notifications delivered since the callbacks bundle started. */
    public long delivered;
    /** Failed listener calls (exception thrown or no listener found) since the callbacks bundle started. */
    public long failedAttempts;
}
