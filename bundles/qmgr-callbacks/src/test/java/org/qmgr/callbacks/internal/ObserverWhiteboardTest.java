package org.qmgr.callbacks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qmgr.callbacks.internal.Events.committed;
import static org.qmgr.callbacks.internal.Events.event;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.qmgr.api.ProgressType;
import org.qmgr.api.callback.QueueObservation;
import org.qmgr.api.callback.QueueObservation.Kind;
import org.qmgr.api.callback.QueueObserver;
import org.qmgr.api.dto.CallbackRuntimeDTO;
import org.qmgr.api.dto.FailedListenerDTO;
import org.qmgr.api.dto.ListenerDTO;
import org.qmgr.spi.notify.QueueEvent.Type;

/** The observer whiteboard with real queue events: matching, visibility, refusals, ordering and isolation. */
class ObserverWhiteboardTest {

    private static final String APP = "org.example.app";
    private static final String ADMIN = "org.example.admin";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicLong serviceIds = new AtomicLong(100);
    private final FakeQueueView view = new FakeQueueView();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final ObserverWhiteboard whiteboard = new ObserverWhiteboard(admins("bundle:" + ADMIN));

    @AfterEach
    void tearDown() {
        gate.countDown();
        whiteboard.deactivate();
    }

    @Test
    void aFilterSelectsGroupsByIdOwnerOrDisplayName() {
        UUID nightly = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        view.name(nightly, "nightly backup").name(other, "other");
        RecordingObserver byId = register(APP, Map.of(QueueObserver.FILTER_PROPERTY, "(group.id=" + nightly + ")"));
        RecordingObserver byName = register(APP, Map.of(QueueObserver.FILTER_PROPERTY, "(group.displayName=nightly*)"));
        RecordingObserver byOwner = register(APP, Map.of(QueueObserver.FILTER_PROPERTY, "(group.owner=bundle:" + APP + ")"));
        RecordingObserver notNightly = register(APP, Map.of(QueueObserver.FILTER_PROPERTY, "(!(Group.DisplayName=nightly*))"));

        whiteboard.publish(event(Type.GROUP_CREATED, other, "bundle:" + APP), view);
        whiteboard.publish(event(Type.GROUP_CREATED, nightly, "bundle:" + APP), view);
        whiteboard.publish(event(Type.GROUP_RESUMED, other, "bundle:" + APP), view);

        // Delivery is in event order: the later event arriving proves the earlier one was filtered out.
        await().atMost(WAIT).until(() -> byOwner.seen.size() == 3 && notNightly.seen.size() == 2);
        await().atMost(WAIT).until(() -> byId.seen.size() == 1 && byName.seen.size() == 1);
        assertThat(byId.observations()).extracting(QueueObservation::groupId).containsExactly(nightly);
        assertThat(byName.observations()).singleElement().satisfies(o -> {
            assertThat(o.groupId()).isEqualTo(nightly);
            assertThat(o.displayName()).isEqualTo("nightly backup");
            assertThat(o.kind()).isEqualTo(Kind.CREATED);
        });
        assertThat(notNightly.observations()).extracting(QueueObservation::groupId).containsExactly(other, other);
        assertThat(byOwner.observations()).extracting(QueueObservation::kind)
                .containsExactly(Kind.CREATED, Kind.CREATED, Kind.RESUMED);
    }

    @Test
    void aGroupSelectedByNameIsSeenCancelledThoughTheViewForgotItsName() {
        UUID nightly = UUID.randomUUID();
        view.name(nightly, "nightly backup");
        RecordingObserver byName = register(APP, Map.of(QueueObserver.FILTER_PROPERTY, "(group.displayName=nightly*)"));
        whiteboard.publish(event(Type.GROUP_RESUMED, nightly, "bundle:" + APP), view);
        // The engine forgets a cancelled group before it tells anyone.
        FakeQueueView afterCancel = new FakeQueueView();

        whiteboard.publish(event(Type.GROUP_CANCELLED, nightly, "bundle:" + APP), afterCancel);

        await().atMost(WAIT).until(() -> byName.seen.size() == 2);
        assertThat(byName.observations()).extracting(QueueObservation::kind, QueueObservation::displayName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.RESUMED, "nightly backup"),
                        org.assertj.core.groups.Tuple.tuple(Kind.CANCELLED, "nightly backup"));
    }

    @Test
    void anObserverSeesItsBundlesGroupsAndAnAdministratorSeesAll() {
        UUID foreign = UUID.randomUUID();
        UUID own = UUID.randomUUID();
        RecordingObserver app = register(APP, Map.of());
        RecordingObserver admin = register(ADMIN, Map.of(QueueObserver.ADMIN_PROPERTY, true));
        RecordingObserver adminByString = register(ADMIN, Map.of(QueueObserver.ADMIN_PROPERTY, "true"));

        whiteboard.publish(event(Type.GROUP_CREATED, foreign, "alice"), view);
        whiteboard.publish(event(Type.GROUP_CREATED, own, "bundle:" + APP), view);

        await().atMost(WAIT).until(() -> app.seen.size() == 1 && admin.seen.size() == 2 && adminByString.seen.size() == 2);
        assertThat(app.observations()).extracting(QueueObservation::groupId).containsExactly(own);
        assertThat(admin.observations()).extracting(QueueObservation::groupId).containsExactly(foreign, own);
        assertThat(admin.observations().get(0).owner()).isEqualTo("alice");
        assertThat(describe().listeners).filteredOn(l -> l.admin).hasSize(2);
    }

    @Test
    void anAdminClaimOfAnotherBundleIsRefusedUntilTheBundleBecomesAnAdministrator() {
        RecordingObserver claimant = register(APP, Map.of(QueueObserver.ADMIN_PROPERTY, Boolean.TRUE));
        RecordingObserver witness = register(ADMIN, Map.of(QueueObserver.ADMIN_PROPERTY, Boolean.TRUE));

        CallbackRuntimeDTO dto = describe();
        assertThat(dto.listeners).extracting(l -> l.bundle).containsExactly(ADMIN);
        assertThat(dto.failedListeners).singleElement().satisfies(f -> {
            assertThat(f.kind).isEqualTo("OBSERVER");
            assertThat(f.bundle).isEqualTo(APP);
            assertThat(f.reason).contains(QueueObserver.ADMIN_PROPERTY).contains("bundle:" + APP)
                    .contains("administrators").doesNotContain("\n");
        });
        whiteboard.publish(event(Type.GROUP_CREATED, UUID.randomUUID(), "bundle:" + APP), view);
        await().atMost(WAIT).until(() -> witness.seen.size() == 1);
        assertThat(claimant.seen).isEmpty();

        whiteboard.modified(admins("bundle:" + ADMIN + ", bundle:" + APP));

        assertThat(describe().failedListeners).isEmpty();
        whiteboard.publish(event(Type.GROUP_CREATED, UUID.randomUUID(), "bob"), view);
        await().atMost(WAIT).until(() -> claimant.seen.size() == 1);
    }

    @Test
    void badPropertiesAreListedWithAReasonNamingTheValue() {
        RecordingObserver badFilter = register(APP, Map.of(QueueObserver.FILTER_PROPERTY, "(group.owner=bob"));
        register(APP, Map.of(QueueObserver.ADMIN_PROPERTY, "yes"));
        register(APP, Map.of(QueueObserver.FILTER_PROPERTY, 42));
        RecordingObserver good = register(APP, Map.of());

        CallbackRuntimeDTO dto = describe();
        assertThat(dto.failedListeners).extracting(f -> f.reason).satisfiesExactly(
                r -> assertThat(r).contains(QueueObserver.FILTER_PROPERTY).contains("\"(group.owner=bob\""),
                r -> assertThat(r).contains(QueueObserver.ADMIN_PROPERTY).contains("\"yes\""),
                r -> assertThat(r).contains(QueueObserver.FILTER_PROPERTY).contains("42"));
        assertThat(dto.listeners).extracting(l -> l.serviceId).containsExactly(id(good));
        whiteboard.publish(event(Type.GROUP_CREATED, UUID.randomUUID(), "bundle:" + APP), view);
        await().atMost(WAIT).until(() -> good.seen.size() == 1);
        assertThat(badFilter.seen).isEmpty();
    }

    @Test
    void observationsArriveInEventOrderWithTheEventsArguments() {
        RecordingObserver observer = register(APP, Map.of());
        UUID group = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        for (int i = 0; i < 2_000; i++) {
            whiteboard.publish(committed(group, "bundle:" + APP, job, i), view);
        }
        whiteboard.publish(Events.error(group, "bundle:" + APP, job), view);

        await().atMost(WAIT).until(() -> observer.seen.size() == 2_001);
        List<QueueObservation> seen = observer.observations();
        for (int i = 0; i < 2_000; i++) {
            assertThat(seen.get(i).fileIndex()).isEqualTo(i);
        }
        assertThat(seen.get(0)).satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Kind.FILE_COMMITTED);
            assertThat(o.jobId()).isEqualTo(job);
            assertThat(o.displayName()).isNull();
            assertThat(o.bytesDone()).isEqualTo(-1);
        });
        assertThat(seen.get(2_000)).isEqualTo(new QueueObservation(Kind.ERROR, group, "bundle:" + APP, null, job, 1,
                0x380, 0x80190194, 404, -1, -1, -1, 1_700_000_000_000L));
    }

    @Test
    void aBlockedAndAThrowingObserverDelayNobody() {
        RecordingObserver blocked = register(APP, Map.of(), RecordingObserver.blockedOn(gate));
        RecordingObserver thrower = register(APP, Map.of(), RecordingObserver.throwing());
        RecordingObserver healthy = register(APP, Map.of());
        UUID group = UUID.randomUUID();
        long[] published = new long[5];

        for (int i = 0; i < published.length; i++) {
            int n = i;
            published[i] = System.nanoTime();
            whiteboard.publish(committed(group, "bundle:" + APP, null, i), view);
            await().atMost(WAIT).until(() -> healthy.seen.size() == n + 1 && thrower.seen.size() == n + 1);
        }

        for (int i = 0; i < published.length; i++) {
            long delayMillis = TimeUnit.NANOSECONDS.toMillis(healthy.seen.get(i).nanos() - published[i]);
            assertThat(delayMillis).as("delay of event %d", i).isLessThan(200);
        }
        assertThat(blocked.seen).hasSize(1);
        assertThat(thrower.observations()).extracting(QueueObservation::fileIndex).containsExactly(0, 1, 2, 3, 4);
        gate.countDown();
        await().atMost(WAIT).until(() -> blocked.seen.size() == 5);
    }

    @Test
    void anObserverTooFarBehindLosesTheOldestAndTheyAreCounted() throws InterruptedException {
        RecordingObserver blocked = register(APP, Map.of(), RecordingObserver.blockedOn(gate));
        UUID group = UUID.randomUUID();
        whiteboard.publish(committed(group, "bundle:" + APP, null, 0), view);
        assertThat(blocked.entered.await(10, TimeUnit.SECONDS)).isTrue();

        int extra = 7;
        for (int i = 1; i <= QueueObserver.MAX_BACKLOG + extra; i++) {
            whiteboard.publish(committed(group, "bundle:" + APP, null, i), view);
        }
        assertThat(describe().listeners).singleElement().extracting(l -> l.dropped).isEqualTo((long) extra);
        gate.countDown();

        await().atMost(WAIT).until(() -> blocked.seen.size() == 1 + QueueObserver.MAX_BACKLOG);
        List<QueueObservation> seen = blocked.observations();
        assertThat(seen.get(0).fileIndex()).isZero();
        assertThat(seen.get(1).fileIndex()).isEqualTo(1 + extra);
        assertThat(seen.get(seen.size() - 1).fileIndex()).isEqualTo(QueueObserver.MAX_BACKLOG + extra);
    }

    @Test
    void onlyMonitoringSamplesBecomeProgressObservations() {
        RecordingObserver observer = register(APP, Map.of());
        UUID group = UUID.randomUUID();
        view.name(group, "big");
        whiteboard.progress(Events.sample(group, "bundle:" + APP, ProgressType.PERCENT_DONE, 100), view);
        whiteboard.progress(Events.sample(group, "bundle:" + APP, null, 500), view);
        whiteboard.publish(event(Type.GROUP_COMPLETED, group, "bundle:" + APP), view);

        await().atMost(WAIT).until(() -> observer.seen.size() == 2);
        assertThat(observer.observations().get(0)).satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Kind.PROGRESS);
            assertThat(o.displayName()).isEqualTo("big");
            assertThat(o.bytesDone()).isEqualTo(500);
            assertThat(o.bytesTotal()).isEqualTo(1000);
            assertThat(o.bytesPerSecond()).isEqualTo(250);
            assertThat(o.status()).isEqualTo(0x80);
            assertThat(o.timeMillis()).isEqualTo(1_700_000_000_123L);
        });
        assertThat(observer.observations().get(1).kind()).isEqualTo(Kind.COMPLETED);
    }

    @Test
    void anUnregisteredObserverIsNoLongerListedNorCalled() {
        RecordingObserver gone = register(APP, Map.of());
        RecordingObserver stays = register(APP, Map.of());
        whiteboard.remove(id(gone));

        whiteboard.publish(event(Type.GROUP_CREATED, UUID.randomUUID(), "bundle:" + APP), view);

        await().atMost(WAIT).until(() -> stays.seen.size() == 1);
        assertThat(gone.seen).isEmpty();
        assertThat(describe().listeners).extracting(l -> l.serviceId).containsExactly(id(stays));
    }

    @Test
    void theRuntimeDtoDescribesEachObserver() {
        RecordingObserver observer = register(ADMIN, Map.of(QueueObserver.FILTER_PROPERTY, "(group.owner=alice)",
                QueueObserver.ADMIN_PROPERTY, true));

        ListenerDTO dto = describe().listeners.get(0);

        assertThat(dto.kind).isEqualTo("OBSERVER");
        assertThat(dto.serviceId).isEqualTo(id(observer));
        assertThat(dto.bundle).isEqualTo(ADMIN);
        assertThat(dto.filter).isEqualTo("(group.owner=alice)");
        assertThat(dto.clsid).isNull();
        assertThat(dto.admin).isTrue();
        assertThat(dto.dropped).isZero();
        assertThat(describe().failedListeners).extracting((FailedListenerDTO f) -> f.reason).isEmpty();
    }

    private final Map<RecordingObserver, Long> ids = new HashMap<>();

    private RecordingObserver register(String bundle, Map<String, Object> properties) {
        return register(bundle, properties, new RecordingObserver());
    }

    private RecordingObserver register(String bundle, Map<String, Object> properties, RecordingObserver observer) {
        Map<String, Object> all = new HashMap<>(properties);
        long id = serviceIds.incrementAndGet();
        all.put(Constants.SERVICE_ID, id);
        ids.put(observer, id);
        whiteboard.add(observer, all, bundle);
        return observer;
    }

    private long id(RecordingObserver observer) {
        return ids.get(observer);
    }

    private CallbackRuntimeDTO describe() {
        CallbackRuntimeDTO dto = new CallbackRuntimeDTO();
        whiteboard.describe(dto);
        return dto;
    }

    static ObserverWhiteboard.Administrators admins(String... identities) {
        return new ObserverWhiteboard.Administrators() {
            @Override
            public String[] administrators() {
                return identities;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ObserverWhiteboard.Administrators.class;
            }
        };
    }
}
