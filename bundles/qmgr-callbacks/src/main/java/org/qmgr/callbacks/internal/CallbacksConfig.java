package org.qmgr.callbacks.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of callback delivery (PID {@code org.qmgr.callbacks}; spec §5.4, §6.4). */
@ObjectClassDefinition(name = "qmgr callbacks", description = "Delivery of group notifications to listeners.")
public @interface CallbacksConfig {

    /** PID of this configuration. */
    String PID = "org.qmgr.callbacks";

    @AttributeDefinition(name = "First redelivery delay (s)", description = "Wait before delivering a failed notification again; later attempts double it.")
    int notificationRetrySeconds() default 60;

    @AttributeDefinition(name = "Longest redelivery delay (s)", description = "Upper bound of the doubling redelivery delay.")
    int maxNotificationRetrySeconds() default 600;

    @AttributeDefinition(name = "Concurrent notifications per owner", description = "Listener calls running at once for one owner identity.")
    int maxConcurrentNotificationsPerOwner() default 4;
}
