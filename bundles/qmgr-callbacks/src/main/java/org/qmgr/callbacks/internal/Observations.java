package org.qmgr.callbacks.internal;

import java.util.Dictionary;
import java.util.Map;
import java.util.UUID;

import org.osgi.framework.FrameworkUtil;
import org.qmgr.api.GroupStatusFlag;
import org.qmgr.api.callback.QueueObservation;
import org.qmgr.api.callback.QueueObservation.Kind;
import org.qmgr.spi.notify.ProgressEvent;
import org.qmgr.spi.notify.QueueEvent;

/** Maps the engine's events to what observers and Event Admin see, and to the keys group filters match. */
final class Observations {

    /** Filter key: the group id in its string form. */
    static final String GROUP_ID = "group.id";
    /** Filter key: the group's owner. */
    static final String GROUP_OWNER = "group.owner";
    /** Filter key: the group's display name, "" when it has none. */
    static final String GROUP_DISPLAY_NAME = "group.displayName";

    /**
     * A progress sample is only taken while the group transfers, whose status word is INCOMPLETE (the
     * foreground bit is not known from a sample).
     */
    static final int TRANSFERRING_STATUS = GroupStatusFlag.INCOMPLETE.value();

    private Observations() {
    }

    /** @return the keys an observer's filter is matched against (looked up ignoring case, as in service filters) */
    static Dictionary<String, Object> filterKeys(UUID groupId, String owner, String displayName) {
        return FrameworkUtil.asDictionary(Map.of(GROUP_ID, groupId.toString(), GROUP_OWNER, owner,
                GROUP_DISPLAY_NAME, displayName == null ? "" : displayName));
    }

    /** @return the observation of a queue event */
    static QueueObservation of(QueueEvent e, String displayName) {
        return new QueueObservation(kind(e.type()), e.groupId(), e.owner(), displayName, e.jobId(), e.fileIndex(),
                e.status(), e.win32Result(), e.transportResult(), -1, -1, -1, e.timestampMillis());
    }

    /** @return the observation of a monitoring sample */
    static QueueObservation of(ProgressEvent e, String displayName) {
        return new QueueObservation(Kind.PROGRESS, e.groupId(), e.owner(), displayName, e.jobId(), e.fileIndex(),
                TRANSFERRING_STATUS, 0, 0, e.bytesDone(), e.bytesTotal(), e.bytesPerSecond(), e.timestampMillis());
    }

    /** @return the observation kind of an event type */
    static Kind kind(QueueEvent.Type type) {
        return switch (type) {
            case GROUP_CREATED -> Kind.CREATED;
            case GROUP_RESUMED -> Kind.RESUMED;
            case GROUP_SUSPENDED -> Kind.SUSPENDED;
            case GROUP_COMPLETED -> Kind.COMPLETED;
            case GROUP_ERROR -> Kind.ERROR;
            case GROUP_CANCELLED -> Kind.CANCELLED;
            case JOB_COMPLETED -> Kind.JOB_COMPLETED;
            case FILE_COMMITTED -> Kind.FILE_COMMITTED;
        };
    }
}
