package org.qmgr.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.callback.CallbackRuntime;
import org.qmgr.api.callback.QueueObservation;
import org.qmgr.api.callback.QueueObservation.Kind;
import org.qmgr.api.callback.QueueObserver;
import org.qmgr.api.dto.CallbackRuntimeDTO;

/**
 * A two-file download seen by a queue observer and by an Event Admin handler in the Karaf we ship, and the
 * observer (and one refused for its filter) listed by {@link CallbackRuntime} and {@code qmgr:listeners}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ObserversIT extends QmgrTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BackgroundCopyQMgr qmgr;

    @Inject
    CallbackRuntime runtime;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    BundleContext context;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @After
    public void unregister() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    @Test
    public void aDownloadIsObservedAndMirroredToEventAdminInOrder() throws Exception {
        UUID groupId = UUID.randomUUID();
        String owner = "bundle:" + context.getBundle().getSymbolicName();
        List<QueueObservation> observed = new CopyOnWriteArrayList<>();
        List<Event> events = new CopyOnWriteArrayList<>();
        ServiceRegistration<QueueObserver> observer = register(QueueObserver.class, observed::add,
                QueueObserver.FILTER_PROPERTY, "(group.id=" + groupId + ")");
        ServiceRegistration<QueueObserver> refused = register(QueueObserver.class, observed::add,
                QueueObserver.FILTER_PROPERTY, "(group.id=" + groupId);
        register(EventHandler.class, events::add,
                EventConstants.EVENT_TOPIC, new String[] {"org/qmgr/group/*", "org/qmgr/file/*", "org/qmgr/job/*"},
                EventConstants.EVENT_FILTER, "(group.id=" + groupId + ")");

        Path dir = Files.createTempDirectory("qmgr-observers-it");
        BackgroundCopyGroup group = qmgr.createGroup(groupId);
        group.setDisplayName("observed pair");
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFile(origin() + "/small.txt", dir.resolve("a.txt").toString());
        job.addFile(origin() + "/small.txt", dir.resolve("b.txt").toString());
        group.resume();

        await().atMost(WAIT).until(() -> observed.stream().anyMatch(o -> o.kind() == Kind.COMPLETED));
        assertEquals(List.of(Kind.CREATED, Kind.RESUMED, Kind.FILE_COMMITTED, Kind.FILE_COMMITTED,
                Kind.JOB_COMPLETED, Kind.COMPLETED), observed.stream().map(QueueObservation::kind).toList());
        QueueObservation second = observed.get(3);
        assertEquals(1, second.fileIndex());
        assertEquals(job.getJobId(), second.jobId());
        assertEquals(owner, second.owner());
        assertEquals("observed pair", second.displayName());
        assertEquals(0x140, observed.get(5).status());

        await().atMost(WAIT).until(() -> events.size() == 6);
        // Event Admin keeps the order of one posting thread only; the engine posts from several, so the
        // events are put in event order by their timestamp (a stable sort keeps equal stamps as delivered).
        List<Event> ordered = events.stream().sorted(Comparator.comparingLong(e -> (Long) e.getProperty("timestamp"))).toList();
        assertEquals(List.of("org/qmgr/group/CREATED", "org/qmgr/group/RESUMED", "org/qmgr/file/COMMITTED",
                "org/qmgr/file/COMMITTED", "org/qmgr/job/COMPLETED", "org/qmgr/group/COMPLETED"),
                ordered.stream().map(Event::getTopic).toList());
        Event committed = ordered.get(3);
        assertEquals(groupId.toString(), committed.getProperty("group.id"));
        assertEquals(owner, committed.getProperty("group.owner"));
        assertEquals("observed pair", committed.getProperty("group.displayName"));
        assertEquals(job.getJobId().toString(), committed.getProperty("job.id"));
        assertTrue(committed.getProperty("file.index") + " is 0 or 1", List.of(0, 1).contains(committed.getProperty("file.index")));
        assertTrue(committed.getProperty("status") instanceof Integer);
        assertEquals(0x140, ordered.get(5).getProperty("status"));

        long observerId = (Long) observer.getReference().getProperty("service.id");
        long refusedId = (Long) refused.getReference().getProperty("service.id");
        CallbackRuntimeDTO dto = runtime.getRuntimeDTO();
        assertTrue("the observer is in use", dto.listeners.stream().anyMatch(l -> l.serviceId == observerId
                && "OBSERVER".equals(l.kind) && context.getBundle().getSymbolicName().equals(l.bundle)));
        assertTrue("the bad filter is refused", dto.failedListeners.stream().anyMatch(f -> f.serviceId == refusedId
                && f.reason.contains(QueueObserver.FILTER_PROPERTY)));
        String table = executeInShell(sessionFactory, "qmgr:listeners --no-format");
        assertTrue("qmgr:listeners lists the observer: " + table,
                table.lines().anyMatch(l -> cells(l).get(0).equals("OBSERVER") && cells(l).contains(Long.toString(observerId))));
        assertTrue("qmgr:listeners lists the refused one: " + table,
                table.lines().anyMatch(l -> cells(l).contains(Long.toString(refusedId)) && l.contains("is not an LDAP filter")));
    }

    private static List<String> cells(String line) {
        return Arrays.asList(line.trim().split("\\s+"));
    }

    private <S> ServiceRegistration<S> register(Class<S> type, S service, Object... properties) {
        Dictionary<String, Object> dictionary = new Hashtable<>();
        for (int i = 0; i < properties.length; i += 2) {
            dictionary.put((String) properties[i], properties[i + 1]);
        }
        ServiceRegistration<S> registration = context.registerService(type, service, dictionary);
        registrations.add(registration);
        return registration;
    }
}
