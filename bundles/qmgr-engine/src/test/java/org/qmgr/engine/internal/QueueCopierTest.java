package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.StoreTransaction;
import org.qmgr.spi.store.StoreWork;
import org.qmgr.store.jdbc.internal.JdbcQueueStore;
import org.qmgr.store.memory.internal.MemoryQueueStore;

/**
 * {@link QueueCopier} from the memory store into a memory store and into the JDBC store on H2: every field
 * of every record arrives, pending notifications in their order, an occupied target is refused untouched, and
 * a failure midway or a read-back that differs leaves the target as it was.
 */
class QueueCopierTest {

    static Stream<Arguments> targets() {
        Supplier<QueueStore> memory = MemoryQueueStore::new;
        Supplier<QueueStore> h2 = () -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:copier-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return new JdbcQueueStore(ds);
        };
        return Stream.of(Arguments.of("memory", memory), Arguments.of("h2", h2));
    }

    @ParameterizedTest(name = "into {0}")
    @MethodSource("targets")
    void everyFieldOfEveryRecordArrivesInCreationOrder(String kind, Supplier<QueueStore> newTarget) {
        QueueStore source = new MemoryQueueStore();
        QueueCopier.Snapshot original = fill(source);
        QueueStore target = newTarget.get();
        target.write(tx -> { // an empty store whose counter has moved on: sequences come from the target
            tx.nextSequence();
            return tx.nextSequence();
        });

        QueueCopier.Snapshot copied = QueueCopier.copy(QueueCopier.read(source), target, kind);

        QueueCopier.Snapshot stored = QueueCopier.read(target);
        assertThat(stored).isEqualTo(copied);
        assertThat(stored.groups()).hasSize(3);
        for (int i = 0; i < original.groups().size(); i++) {
            assertThat(stored.groups().get(i)).usingRecursiveComparison().ignoringFields("sequence")
                    .isEqualTo(original.groups().get(i));
        }
        assertThat(stored.groups()).extracting(GroupRecord::sequence).isSorted().allMatch(s -> s > 2);
        original.jobs().forEach((groupId, jobs) -> assertThat(stored.jobs().get(groupId))
                .extracting(JobRecord::jobId).containsExactlyElementsOf(jobs.stream().map(JobRecord::jobId).toList()));
        assertThat(stored.files()).isEqualTo(original.files());
        FileRecord partial = stored.files().values().stream().flatMap(List::stream)
                .filter(f -> f.tempPath() != null).findFirst().orElseThrow();
        assertThat(partial.digestState()).containsExactly(1, 2, 3, 4, 5);
        assertThat(partial.etag()).isEqualTo("\"v1\"");

        assertThat(stored.notifications()).hasSize(3);
        for (int i = 0; i < original.notifications().size(); i++) {
            assertThat(stored.notifications().get(i)).usingRecursiveComparison().ignoringFields("sequence")
                    .isEqualTo(original.notifications().get(i));
        }
        assertThat(stored.notifications()).extracting(QueueEvent::sequence).isSorted().doesNotHaveDuplicates()
                .allMatch(s -> s > 2);
        long lastCreated = stored.groups().stream().mapToLong(GroupRecord::sequence).max().orElseThrow();
        assertThat(target.read(StoreTransaction::lastSequence))
                .isEqualTo(stored.notifications().get(2).sequence()).isGreaterThan(lastCreated);
    }

    @ParameterizedTest(name = "into {0}")
    @MethodSource("targets")
    void aFailureWhileCopyingTheOutboxRollsTheWholeCopyBack(String kind, Supplier<QueueStore> newTarget) {
        QueueStore source = new MemoryQueueStore();
        QueueCopier.Snapshot original = fill(source);
        QueueStore target = failingOnSecond("insertNotification", newTarget.get());

        assertThatThrownBy(() -> QueueCopier.copy(original, target, kind))
                .isInstanceOf(QueueStoreException.class).hasMessageContaining("disk on fire");

        QueueCopier.Snapshot after = QueueCopier.read(target);
        assertThat(after.groups()).isEmpty();
        assertThat(after.notifications()).isEmpty();
    }

    static Stream<Arguments> outboxReadBacks() {
        UnaryOperator<List<QueueEvent>> dropLast = l -> l.subList(0, l.size() - 1);
        UnaryOperator<List<QueueEvent>> renumberLast = l -> Stream.concat(l.stream().limit(l.size() - 1),
                Stream.of(l.get(l.size() - 1).withSequence(l.get(l.size() - 1).sequence() + 1))).toList();
        UnaryOperator<List<QueueEvent>> swapFirstTwo = l -> Stream.concat(Stream.of(l.get(1), l.get(0)),
                l.stream().skip(2)).toList();
        return Stream.of(Arguments.of("one missing", dropLast, "2 notifications instead of"),
                Arguments.of("one renumbered", renumberLast, "a notification reads back differently"),
                Arguments.of("two swapped", swapFirstTwo, "a notification reads back differently"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outboxReadBacks")
    void anOutboxThatReadsBackDifferentlyRollsTheCopyBack(String what, UnaryOperator<List<QueueEvent>> change,
                                                          String message) {
        QueueStore source = new MemoryQueueStore();
        QueueCopier.Snapshot original = fill(source);
        MemoryQueueStore backing = new MemoryQueueStore();
        QueueStore target = changingNotifications(change, backing);

        assertThatThrownBy(() -> QueueCopier.copy(original, target, "memory"))
                .isInstanceOf(QueueStoreException.class).hasMessageContaining(message);

        assertThat(QueueCopier.read(backing).groups()).isEmpty();
        assertThat(QueueCopier.read(backing).notifications()).isEmpty();
    }

    @ParameterizedTest(name = "into {0}")
    @MethodSource("targets")
    void aTargetHoldingAGroupIsRefusedAndLeftAsItWas(String kind, Supplier<QueueStore> newTarget) {
        QueueStore source = new MemoryQueueStore();
        fill(source);
        QueueStore target = newTarget.get();
        GroupRecord resident = target.write(tx -> {
            GroupRecord r = GroupRecord.create(UUID.randomUUID(), "bob", tx.nextSequence(), 7L);
            tx.insertGroup(r);
            return r;
        });
        QueueCopier.Snapshot source0 = QueueCopier.read(source);

        assertThatThrownBy(() -> QueueCopier.copy(source0, target, kind))
                .isInstanceOf(QmgrInvalidStateException.class).hasMessageContaining("store " + kind + " is not empty");

        QueueCopier.Snapshot after = QueueCopier.read(target);
        assertThat(after.groups()).containsExactly(resident);
        assertThat(after.jobCount()).isZero();
        assertThat(QueueCopier.read(source)).isEqualTo(source0);
    }

    @ParameterizedTest(name = "into {0}")
    @MethodSource("targets")
    void aFailureMidwayRollsTheWholeCopyBack(String kind, Supplier<QueueStore> newTarget) {
        QueueStore source = new MemoryQueueStore();
        fill(source);
        QueueStore target = failingOnSecond("insertFiles", newTarget.get());
        QueueCopier.Snapshot original = QueueCopier.read(source);

        assertThatThrownBy(() -> QueueCopier.copy(original, target, kind))
                .isInstanceOf(QueueStoreException.class).hasMessageContaining("disk on fire");

        QueueCopier.Snapshot after = QueueCopier.read(target);
        assertThat(after.groups()).isEmpty();
        assertThat(after.jobCount()).isZero();
        UUID firstJob = original.jobs().get(original.groups().get(0).groupId()).get(0).jobId();
        Optional<JobRecord> job = target.read(tx -> tx.job(firstJob));
        assertThat(job).isEmpty();
    }

    /**
     * Three groups: one with every field set and files in each stage, one in ERROR, one without jobs; and three
     * pending notifications of the first two.
     */
    private static QueueCopier.Snapshot fill(QueueStore store) {
        store.write(tx -> {
            GroupRecord full = GroupRecord.create(UUID.randomUUID(), "alice", tx.nextSequence(), 1_000L).toBuilder()
                    .state(GroupState.QUEUED).foreground(true).backgroundPriority("HIGH").protocol(1)
                    .notifyFlags(0xB).notifyClsid(UUID.randomUUID()).displayName("every field")
                    .description("with a description").remoteUser("svc").remotePassword("s3cret")
                    .progressSize(4096).progressPercent(5).progressTimeMillis(2500).retries(2)
                    .activeMillis(12_345).modifiedMillis(2_000L)
                    .customHeaders(Map.of("X-Token", "abc", "Cookie", "a=1")).build();
            tx.insertGroup(full);
            JobRecord first = new JobRecord(UUID.randomUUID(), full.groupId(), tx.nextSequence());
            tx.insertJob(first);
            tx.insertFiles(List.of(
                    FileRecord.pending(first.jobId(), 0, "http://h/a", "/tmp/a", 10, null).withCompleted(10,
                            "ab".repeat(32)),
                    FileRecord.pending(first.jobId(), 1, "https://h/b?q=1", "/tmp/b", 0xFFFF_FFFEL, "cd".repeat(32))
                            .withTotalBytes(1 << 20)
                            .withProgress(65_536, "\"v1\"", 1_700_000_000_000L, "/tmp/.b.qmgr", new byte[] {1, 2, 3, 4, 5}),
                    FileRecord.pending(first.jobId(), 2, "http://h/c", "/tmp/c", 0, null)));
            GroupRecord failed = GroupRecord.create(UUID.randomUUID(), "bundle:org.example", tx.nextSequence(), 3_000L)
                    .toBuilder().state(GroupState.ERROR).win32Result(0x80190194).transportResult(404)
                    .errorJobIndex(0).errorFileIndex(0).backgroundPriority("LOW").build();
            tx.insertGroup(failed);
            JobRecord second = new JobRecord(UUID.randomUUID(), failed.groupId(), tx.nextSequence());
            tx.insertJob(second);
            // a job of the first group created after the second group: creation order spans groups
            JobRecord late = new JobRecord(UUID.randomUUID(), full.groupId(), tx.nextSequence());
            tx.insertJob(late);
            tx.insertFiles(List.of(FileRecord.pending(second.jobId(), 0, "http://h/missing", "/tmp/m", 1, null)));
            tx.insertFiles(List.of(FileRecord.pending(late.jobId(), 0, "http://h/d", "/tmp/d", 2, null)));
            GroupRecord empty = GroupRecord.create(UUID.randomUUID(), "carol", tx.nextSequence(), 4_000L);
            tx.insertGroup(empty);
            // the outbox, in event order across groups: a file of the first, the error of the second, then the
            // first group's job
            tx.insertNotification(new QueueEvent(QueueEvent.Type.FILE_COMMITTED, full.groupId(), "alice",
                    first.jobId(), 0, 0x0000_0002, 0, 0, 0, 0xB, full.notifyClsid(), 1_700_000_000_001L,
                    tx.nextSequence()));
            tx.insertNotification(new QueueEvent(QueueEvent.Type.GROUP_ERROR, failed.groupId(),
                    "bundle:org.example", null, -1, 0x8000_0004, 3, 0x80190194, 404, 0, null, 1_700_000_000_002L,
                    tx.nextSequence()));
            tx.insertNotification(new QueueEvent(QueueEvent.Type.JOB_COMPLETED, full.groupId(), "alice",
                    late.jobId(), 0, 0x0000_0002, 0, 0, 0, 0xB, full.notifyClsid(), 1_700_000_000_003L,
                    tx.nextSequence()));
            return null;
        });
        return QueueCopier.read(store);
    }

    /** The store, except that {@code notifications()} inside a write transaction returns a changed list. */
    private static QueueStore changingNotifications(UnaryOperator<List<QueueEvent>> change, QueueStore store) {
        return intercepting(store, () -> (tx, m, args) -> m.getName().equals("notifications")
                ? change.apply(tx.notifications()) : m.invoke(tx, args));
    }

    /** The store, except that the second call of {@code method} in a write transaction fails. */
    static QueueStore failingOnSecond(String method, QueueStore store) {
        return intercepting(store, () -> {
            AtomicInteger calls = new AtomicInteger();
            return (tx, m, args) -> {
                if (m.getName().equals(method) && calls.incrementAndGet() == 2) {
                    throw new QueueStoreException(QueueStoreException.Reason.UNAVAILABLE, "disk on fire");
                }
                return m.invoke(tx, args);
            };
        });
    }

    /** A call of a write transaction's method, made by a test in its place. */
    @FunctionalInterface
    private interface Interception {
        Object call(StoreTransaction tx, Method m, Object[] args) throws Exception;
    }

    /** The store, except that each call on a write transaction goes through an interception made for that write. */
    private static QueueStore intercepting(QueueStore store, Supplier<Interception> perWrite) {
        return new QueueStore() {
            @Override
            public <T> T read(StoreWork<T> work) {
                return store.read(work);
            }

            @Override
            public <T> T write(StoreWork<T> work) {
                Interception interception = perWrite.get();
                return store.write(tx -> work.run((StoreTransaction) Proxy.newProxyInstance(
                        StoreTransaction.class.getClassLoader(), new Class<?>[] {StoreTransaction.class},
                        (proxy, m, args) -> {
                            try {
                                return interception.call(tx, m, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        })));
            }
        };
    }
}
