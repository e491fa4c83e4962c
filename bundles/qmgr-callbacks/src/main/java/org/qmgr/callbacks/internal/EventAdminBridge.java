package org.qmgr.callbacks.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.notify.ProgressEvent;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors queue events to OSGi Event Admin, posted asynchronously, for every group whatever its notify flags.
 * <p>
 * <b>Topics.</b> {@code org/qmgr/group/CREATED}, {@code …/RESUMED}, {@code …/SUSPENDED}, {@code …/COMPLETED},
 * {@code …/ERROR}, {@code …/CANCELLED}; {@code org/qmgr/job/COMPLETED} (a job's last file committed);
 * {@code org/qmgr/file/COMMITTED}; {@code org/qmgr/progress} (the engine's throttled monitoring samples of a
 * transferring group, at most one per {@code progressEventIntervalMs}).
 * <p>
 * <b>Properties.</b> Always: {@code group.id} (String), {@code group.owner} (String), {@code group.displayName}
 * (String, "" when none or the group is gone), {@code status} (Integer, the group status word; 0 on
 * CANCELLED; INCOMPLETE 0x80 on progress), {@code timestamp} (Long, epoch ms of the event). When present:
 * {@code job.id} (String), {@code file.index} (Integer, when 0 or more). On {@code ERROR}: {@code win32Result}
 * and {@code transportResult} (Integer). On progress: {@code bytes.done}, {@code bytes.total} (0 while a
 * size is unknown), {@code bytes.perSecond} (Long) and {@code percent} (Integer). Never credentials, URLs
 * or header values: any handler may subscribe to {@code org/qmgr/*}.
 * <p>
 * Event Admin is optional for this bundle (the package import is optional): without an {@link EventAdmin}
 * service this component is not satisfied, so its class is never loaded.
 */
@Component(service = NotificationSink.class)
public class EventAdminBridge implements NotificationSink {

    /** Topic prefix of group events; the suffix is the observation kind, e.g. {@code COMPLETED}. */
    static final String GROUP_TOPIC = "org/qmgr/group/";
    static final String JOB_COMPLETED_TOPIC = "org/qmgr/job/COMPLETED";
    static final String FILE_COMMITTED_TOPIC = "org/qmgr/file/COMMITTED";
    static final String PROGRESS_TOPIC = "org/qmgr/progress";

    private static final Logger LOG = LoggerFactory.getLogger(EventAdminBridge.class);

    private final EventAdmin eventAdmin;

    /**
     * @param eventAdmin where events are posted; mandatory, so that without one nothing of Event Admin is loaded
     */
    @Activate
    public EventAdminBridge(@Reference EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void publish(QueueEvent e, QueueView view) {
        Map<String, Object> p = common(e.groupId().toString(), e.owner(), view.displayName(e.groupId()).orElse(""),
                e.status(), e.timestampMillis(), e.jobId(), e.fileIndex());
        if (e.type() == QueueEvent.Type.GROUP_ERROR) {
            p.put("win32Result", e.win32Result());
            p.put("transportResult", e.transportResult());
        }
        post(new Event(topic(e.type()), p));
    }

    @Override
    public void progress(ProgressEvent e, QueueView view) {
        if (e.crossed() != null) {
            return; // a threshold crossing for the group's listener; the monitoring samples are mirrored
        }
        Map<String, Object> p = common(e.groupId().toString(), e.owner(), view.displayName(e.groupId()).orElse(""),
                Observations.TRANSFERRING_STATUS, e.timestampMillis(), e.jobId(), e.fileIndex());
        p.put("bytes.done", e.bytesDone());
        p.put("bytes.total", e.bytesTotal());
        p.put("bytes.perSecond", e.bytesPerSecond());
        p.put("percent", e.percent());
        post(new Event(PROGRESS_TOPIC, p));
    }

    private void post(Event event) {
        try {
            eventAdmin.postEvent(event);
        } catch (IllegalStateException e) {
            // Event Admin is stopping; this component goes with it.
            LOG.debug("event {} not posted: {}", event.getTopic(), e.toString());
        }
    }

    /** @return the topic of an event type */
    static String topic(QueueEvent.Type type) {
        return switch (type) {
            case JOB_COMPLETED -> JOB_COMPLETED_TOPIC;
            case FILE_COMMITTED -> FILE_COMMITTED_TOPIC;
            default -> GROUP_TOPIC + Observations.kind(type).name();
        };
    }

    private static Map<String, Object> common(String groupId, String owner, String displayName, int status,
                                              long timestamp, Object jobId, int fileIndex) {
        Map<String, Object> p = new HashMap<>();
        p.put("group.id", groupId);
        p.put("group.owner", owner);
        p.put("group.displayName", displayName);
        p.put("status", status);
        p.put("timestamp", timestamp);
        if (jobId != null) {
            p.put("job.id", jobId.toString());
        }
        if (fileIndex >= 0) {
            p.put("file.index", fileIndex);
        }
        return p;
    }
}
