package org.qmgr.callbacks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.qmgr.api.ProgressType;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueEvent.Type;

/** The Event Admin bridge: the documented topics and properties for every event type, posted asynchronously. */
class EventAdminBridgeTest {

    /** Records what is posted; a sent (synchronous) event would block the engine's publishing thread. */
    private static final class RecordingEventAdmin implements EventAdmin {
        final List<Event> posted = new ArrayList<>();

        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            throw new AssertionError("events are posted, never sent: " + event.getTopic());
        }
    }

    private final RecordingEventAdmin eventAdmin = new RecordingEventAdmin();
    private final EventAdminBridge bridge = new EventAdminBridge(eventAdmin);
    private final FakeQueueView view = new FakeQueueView();
    private final UUID group = UUID.randomUUID();

    @Test
    void everyEventTypeHasItsTopic() {
        for (Type type : Type.values()) {
            bridge.publish(Events.event(type, group, "alice"), view);
        }

        assertThat(eventAdmin.posted).extracting(Event::getTopic).containsExactly("org/qmgr/group/CREATED",
                "org/qmgr/group/RESUMED", "org/qmgr/group/SUSPENDED", "org/qmgr/group/COMPLETED",
                "org/qmgr/group/ERROR", "org/qmgr/group/CANCELLED", "org/qmgr/job/COMPLETED",
                "org/qmgr/file/COMMITTED");
    }

    @Test
    void aGroupEventCarriesTheGroupStatusAndTime() {
        view.name(group, "nightly");
        QueueEvent completed = Events.event(Type.GROUP_COMPLETED, group, "alice");

        bridge.publish(completed, view);

        assertThat(properties(eventAdmin.posted.get(0))).containsOnly(entry("group.id", group.toString()),
                entry("group.owner", "alice"), entry("group.displayName", "nightly"), entry("status", 0x80),
                entry("timestamp", completed.timestampMillis()));
    }

    @Test
    void aCommittedFileNamesItsJobAndIndexAndAGroupWithoutNameHasAnEmptyOne() {
        UUID job = UUID.randomUUID();

        bridge.publish(Events.committed(group, "bundle:app", job, 0), view);

        Map<String, Object> p = properties(eventAdmin.posted.get(0));
        assertThat(p).contains(entry("job.id", job.toString()), entry("file.index", 0), entry("group.displayName", ""));
        assertThat(p).doesNotContainKeys("win32Result", "transportResult", "bytes.done");
    }

    @Test
    void anErrorCarriesItsResults() {
        UUID job = UUID.randomUUID();

        bridge.publish(Events.error(group, "alice", job), view);

        assertThat(properties(eventAdmin.posted.get(0))).contains(entry("status", 0x380),
                entry("win32Result", 0x80190194), entry("transportResult", 404), entry("file.index", 1),
                entry("job.id", job.toString()), entry("timestamp", 1_700_000_000_000L));
    }

    @Test
    void onlyMonitoringSamplesArePostedAsProgress() {
        bridge.progress(Events.sample(group, "alice", ProgressType.SIZE_DONE, 100), view);
        bridge.progress(Events.sample(group, "alice", null, 500), view);

        assertThat(eventAdmin.posted).singleElement().satisfies(e -> {
            assertThat(e.getTopic()).isEqualTo("org/qmgr/progress");
            assertThat(properties(e)).contains(entry("bytes.done", 500L), entry("bytes.total", 1000L),
                    entry("bytes.perSecond", 250L), entry("percent", 50), entry("status", 0x80),
                    entry("file.index", 0), entry("timestamp", 1_700_000_000_123L));
        });
    }

    @Test
    void onlyDocumentedPropertiesAreEverPosted() {
        for (Type type : Type.values()) {
            bridge.publish(Events.error(group, "alice", UUID.randomUUID()), view);
            bridge.publish(Events.event(type, group, "alice"), view);
        }
        bridge.progress(Events.sample(group, "alice", null, 1), view);
        List<String> documented = Arrays.asList("group.id", "group.owner", "group.displayName", "job.id",
                "file.index", "status", "win32Result", "transportResult", "bytes.done", "bytes.total",
                "bytes.perSecond", "percent", "timestamp");

        assertThat(eventAdmin.posted).allSatisfy(e -> assertThat(documented).containsAll(properties(e).keySet()));
    }

    private static Map<String, Object> properties(Event event) {
        Map<String, Object> p = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            if (!name.equals(EventConstants.EVENT_TOPIC)) {
                p.put(name, event.getProperty(name));
            }
        }
        return p;
    }
}
