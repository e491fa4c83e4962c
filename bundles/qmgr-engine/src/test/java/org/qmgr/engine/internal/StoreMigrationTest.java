package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.GroupProp;
import org.qmgr.api.ProgressType;
import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.api.admin.MigrationResult;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.store.jdbc.internal.JdbcQueueStore;
import org.qmgr.store.memory.internal.MemoryQueueStore;

/**
 * Store migration through the {@link StoreSwitchboard}, on a real engine with the real Jetty transport: the
 * test's switch does what SCR does when {@code store.target} changes (a new engine on the selected store
 * replaces the old one). A migration moves a running queue; a refused or failed one leaves the engine going.
 */
class StoreMigrationTest extends EngineTestSupport {

    private static final int CHUNK = TestOrigin.CHUNK;

    private final Map<String, QueueStore> stores = new LinkedHashMap<>();
    private final List<String> switchedTo = new CopyOnWriteArrayList<>();
    private StoreSwitchboard board;
    private IOException switchFailure;

    @Test
    void aRunningQueueMovesToH2AndItsTransferContinuesThereWithRange() throws Exception {
        byte[] small = TestContent.bytes(41, 1000);
        byte[] big = TestContent.bytes(42, 40 * CHUNK + 17);
        origin.put("/small", small);
        TestOrigin.Resource r = origin.put("/big", big);
        r.gate = new Semaphore(4);
        BackgroundCopyQMgr qmgr = fixture.client("alice", false);
        BackgroundCopyGroup moving = qmgr.createGroup(UUID.randomUUID());
        BackgroundCopyJob job = moving.createJob(UUID.randomUUID());
        job.addFile(origin.url("/small"), dir.resolve("small").toString());
        job.addFile(origin.url("/big"), dir.resolve("big").toString());
        BackgroundCopyGroup idle = qmgr.createGroup(UUID.randomUUID());
        idle.setDescription("waits");
        idle.setRemoteCredentials("svc", "pw");
        idle.setBackgroundPriority(BackgroundPriority.HIGH);
        idle.setNotifyFlagsMask(0x3);
        idle.createJob(UUID.randomUUID()).addFile(origin.url("/small"), dir.resolve("idle").toString());
        moving.resume();
        long held = small.length + 4L * CHUNK;
        await().atMost(Duration.ofSeconds(10)).until(() -> moving.getProgress(ProgressType.SIZE_DONE) == held);
        QueueStore h2 = h2Store();
        useBoard(h2, "h2");
        int logged = origin.log().size();

        MigrationResult result = board.migrate("h2", "test");

        assertThat(result).extracting(MigrationResult::from, MigrationResult::to, MigrationResult::storeTarget,
                MigrationResult::groups, MigrationResult::jobs, MigrationResult::files)
                .containsExactly("memory", "h2", "(qmgr.store.name=h2)", 2L, 2L, 3L);
        assertThat(switchedTo).containsExactly("(qmgr.store.name=h2)");
        assertThat(board.active().name()).isEqualTo("h2");
        // Field-by-field equality is QueueCopierTest's; here the new engine already works on the copy.
        assertThat(QueueCopier.read(h2).groups()).extracting(GroupRecord::groupId)
                .containsExactly(moving.getGroupId(), idle.getGroupId());
        assertThatThrownBy(moving::getStatus).isInstanceOf(QmgrServiceUnavailableException.class);

        BackgroundCopyQMgr after = fixture.client("alice", false);
        assertThat(after.enumGroups().next(5)).containsExactly(moving.getGroupId(), idle.getGroupId());
        BackgroundCopyGroup idleAfter = after.getGroup(idle.getGroupId());
        assertThat(idleAfter.getDescription()).isEqualTo("waits");
        assertThat(idleAfter.getProp(GroupProp.REMOTEUSERID).stringValue()).isEqualTo("svc");
        assertThat(idleAfter.getBackgroundPriority()).isEqualTo(BackgroundPriority.HIGH);
        assertThat(idleAfter.getNotifyFlagsMask()).isEqualTo(0x3);
        assertThat(idleAfter.getStatus().raw()).isEqualTo(0x180);
        BackgroundCopyGroup movingAfter = after.getGroup(moving.getGroupId());
        assertThat(movingAfter.getJob(job.getJobId()).getFileInfo(1).bytesTransferred).isEqualTo(4L * CHUNK);
        r.gate.release(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> movingAfter.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("small"))).isEqualTo(small);
        assertThat(Files.readAllBytes(dir.resolve("big"))).isEqualTo(big);
        assertThat(origin.log().subList(logged, origin.log().size())).filteredOn(l -> l.method().equals("GET"))
                .first().satisfies(l -> {
                    assertThat(l.path()).isEqualTo("/big");
                    assertThat(l.range()).isEqualTo("bytes=" + 4L * CHUNK + "-");
                });
        assertThat(QueueCopier.read(stores.get("memory")).groups()).hasSize(2); // the old store keeps its data
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedAndTheQueueCarriesOn() throws Exception {
        QueueStore spare = new MemoryQueueStore();
        GroupRecord resident = spare.write(tx -> {
            GroupRecord g = GroupRecord.create(UUID.randomUUID(), "bob", tx.nextSequence(), 1L);
            tx.insertGroup(g);
            return g;
        });
        Transfer running = startGatedTransfer();
        useBoard(spare, "spare");

        assertThatThrownBy(() -> board.migrate("spare", "test")).isInstanceOf(QmgrInvalidStateException.class)
                .hasMessageContaining("store spare is not empty");

        assertThat(switchedTo).isEmpty();
        assertThat(QueueCopier.read(spare).groups()).containsExactly(resident);
        assertThat(board.active().name()).isEqualTo("memory");
        running.finishes();
        fixture.client().createGroup(UUID.randomUUID());
    }

    @Test
    void aStoreFailureWhileCopyingRollsBackAndTheQueueCarriesOn() throws Exception {
        Transfer running = startGatedTransfer();
        BackgroundCopyGroup second = fixture.client().createGroup(UUID.randomUUID());
        second.createJob(UUID.randomUUID()).addFile(origin.url("/other"), dir.resolve("other").toString());
        QueueStore flaky = QueueCopierTest.failingOnSecond("insertFiles", h2Store());
        useBoard(flaky, "flaky");

        assertThatThrownBy(() -> board.migrate("flaky", "test")).isInstanceOf(QmgrServiceUnavailableException.class)
                .hasMessageContaining("writing store flaky failed").hasMessageContaining("disk on fire");

        assertThat(switchedTo).isEmpty();
        assertThat(QueueCopier.read(flaky).groups()).isEmpty();
        running.finishes();
        second.setDescription("writes are accepted again");
    }

    @Test
    void aFailedSwitchTakesTheCopyBackOutAndTheQueueCarriesOn() throws Exception {
        Transfer running = startGatedTransfer();
        QueueStore spare = new MemoryQueueStore();
        useBoard(spare, "spare");
        switchFailure = new IOException("etc is read-only");

        assertThatThrownBy(() -> board.migrate("spare", "test")).isInstanceOf(QmgrServiceUnavailableException.class)
                .hasMessageContaining("updating the configuration org.qmgr.engine failed: etc is read-only");

        assertThat(QueueCopier.read(spare).groups()).isEmpty();
        assertThat(board.active().name()).isEqualTo("memory");
        running.finishes();
    }

    @Test
    void whileHeldStateChangesAreRefusedAndReadsGoOn() throws Exception {
        origin.put("/f", TestContent.bytes(43, 5000));
        BackgroundCopyQMgr qmgr = fixture.client();
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.setDisplayName("held");
        group.createJob(UUID.randomUUID()).addFile(origin.url("/f"), dir.resolve("f").toString());

        QueueHold hold = QueueHold.hold(fixture.engine);

        assertThatThrownBy(() -> qmgr.createGroup(UUID.randomUUID()))
                .isInstanceOf(QmgrServiceUnavailableException.class).hasMessageContaining(QueueHold.MIGRATING);
        assertThatThrownBy(group::resume).isInstanceOf(QmgrServiceUnavailableException.class)
                .hasMessageContaining(QueueHold.MIGRATING);
        assertThatThrownBy(() -> group.setDescription("no")).isInstanceOf(QmgrServiceUnavailableException.class);
        assertThat(qmgr.enumGroups().next(5)).containsExactly(group.getGroupId());
        assertThat(qmgr.getGroupInfo(group.getGroupId()).displayName).isEqualTo("held");
        assertThat(group.getStatus().raw()).isEqualTo(0x180);

        hold.release();

        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
    }

    @Test
    void aRetryThatFellDueWhileHeldIsQueuedOnRelease() throws Exception {
        useSettings(EngineFixture.settings().minRetryDelay(Duration.ofSeconds(1)).build());
        byte[] body = TestContent.bytes(44, 3000);
        origin.put("/flaky", body).failNext(503);
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/flaky"), dir.resolve("flaky").toString());
        group.resume();
        GroupEntry entry = fixture.engine.core().groups.get(group.getGroupId());
        await().atMost(Duration.ofSeconds(5)).until(() -> entry.retryTimer != null);

        QueueHold hold = QueueHold.hold(fixture.engine);
        // the retry fires, but cannot store QUEUED while writes are refused
        await().atMost(Duration.ofSeconds(5)).until(() -> entry.retryTimer == null);
        assertThat(entry.record().state()).isEqualTo(GroupState.RETRY_WAIT);
        hold.release();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(dir.resolve("flaky"))).isEqualTo(body);
    }

    /** A group transferring, held by the origin after four chunks. */
    private Transfer startGatedTransfer() throws Exception {
        byte[] body = TestContent.bytes(45, 20 * CHUNK);
        TestOrigin.Resource r = origin.put("/gated", body);
        r.gate = new Semaphore(4);
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/gated"), dir.resolve("gated").toString());
        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == 4L * CHUNK);
        return new Transfer(group.getGroupId(), r, body);
    }

    /** A gated transfer; {@link #finishes()} opens the gate and expects the group to complete on this engine. */
    private final class Transfer {
        private final UUID groupId;
        private final TestOrigin.Resource resource;
        private final byte[] body;

        Transfer(UUID groupId, TestOrigin.Resource resource, byte[] body) {
            this.groupId = groupId;
            this.resource = resource;
            this.body = body;
        }

        void finishes() throws IOException {
            BackgroundCopyGroup group = fixture.client().getGroup(groupId);
            resource.gate.release(1000);
            await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
            assertThat(Files.readAllBytes(dir.resolve("gated"))).isEqualTo(body);
        }
    }

    private static QueueStore h2Store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new JdbcQueueStore(ds);
    }

    /** A switchboard that knows the fixture's memory store and the target, with the fixture's engine bound. */
    private void useBoard(QueueStore target, String targetName) {
        board = new StoreSwitchboard(this::switchEngine, Duration.ofSeconds(10));
        register(fixture.store, "memory", 1);
        register(target, targetName, 2);
        board.bindEngine(fixture.engine);
    }

    private void register(QueueStore store, String name, long id) {
        stores.put(name, store);
        board.bindStore(store, Map.of(QueueStore.STORE_NAME, name, "service.id", id));
    }

    /** What SCR does when {@code store.target} changes: a new engine on the selected store replaces the old one. */
    private void switchEngine(String filter) throws IOException {
        if (switchFailure != null) {
            throw switchFailure;
        }
        switchedTo.add(filter);
        QueueStore next;
        try {
            Filter f = FrameworkUtil.createFilter(filter);
            next = stores.entrySet().stream().filter(e -> f.matches(Map.of(QueueStore.STORE_NAME, e.getKey())))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        EngineFixture old = fixture;
        board.unbindEngine(old.engine);
        old.close();
        fixture = new EngineFixture(EngineFixture.settings(Duration.ofSeconds(1), Duration.ofSeconds(5)), next);
        board.bindEngine(fixture.engine);
    }
}
