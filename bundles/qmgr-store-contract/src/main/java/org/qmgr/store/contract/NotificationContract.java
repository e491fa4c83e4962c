package org.qmgr.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.spi.store.QueueStoreException.Reason.DUPLICATE_KEY;
import static org.qmgr.spi.store.QueueStoreException.Reason.ILLEGAL_OPERATION;
import static org.qmgr.spi.store.QueueStoreException.Reason.NOT_FOUND;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.StoreTransaction;

/**
 * Part of the {@link QueueStoreContract}: the outbox of stored notifications: exact round trips, order by
 * sequence, deletion by sequence and with their group, atomicity with the rest of a transaction, and the
 * refusals (duplicate sequence, unknown group, sequence 0, read-only transaction).
 */
public abstract class NotificationContract extends TransactionContract {

    /**
     * @param target the store
     * @return its stored notifications, as listed
     */
    protected static List<QueueEvent> notifications(QueueStore target) {
        return target.read(StoreTransaction::notifications);
    }

    /** @return the stored notifications of the store under test, as listed */
    protected List<QueueEvent> notifications() {
        return notifications(store);
    }

    /**
     * Stores a bare notification of a group under the store's next sequence.
     *
     * @param target  the store
     * @param groupId the group
     * @return the notification as stored
     */
    protected static QueueEvent newNotification(QueueStore target, UUID groupId) {
        return target.write(tx -> {
            QueueEvent n = Records.bareNotification(groupId, tx.nextSequence());
            tx.insertNotification(n);
            return n;
        });
    }

    private void failingWrite(Consumer<StoreTransaction> work) {
        Boom boom = new Boom();
        assertThatThrownBy(() -> store.write(tx -> {
            work.accept(tx);
            throw boom;
        })).isSameAs(boom);
    }

    @Test
    void anEmptyStoreHasNoNotifications() {
        assertThat(notifications()).isEmpty();
        newGroup(store);
        assertThat(notifications()).isEmpty();
    }

    @Test
    void everyFieldOfANotificationRoundTrips() {
        UUID group = newGroup(store);
        QueueEvent full = Records.fullNotification(group, 5_000_000_001L);
        QueueEvent bare = Records.bareNotification(group, 3);
        write(tx -> {
            tx.insertNotification(full);
            tx.insertNotification(bare);
        });

        assertThat(notifications()).containsExactly(bare, full);
        assertThat(bare.jobId()).isNull();
        assertThat(bare.notifyClsid()).isNull();
        assertThat(bare.fileIndex()).isEqualTo(-1);
        assertThat(full.status()).isNegative();
    }

    @Test
    void everyEventTypeRoundTrips() {
        UUID group = newGroup(store);
        List<QueueEvent> all = store.write(tx -> {
            for (QueueEvent.Type type : QueueEvent.Type.values()) {
                tx.insertNotification(new QueueEvent(type, group, "o", null, 0, 0, 0, 0, 0, 0, null, 0,
                        tx.nextSequence()));
            }
            return tx.notifications();
        });
        assertThat(all).extracting(QueueEvent::type).containsExactly(QueueEvent.Type.values());
        assertThat(notifications()).isEqualTo(all);
    }

    @Test
    void notificationsAreListedBySequenceWhateverTheOrderOfInsertion() {
        UUID first = newGroup(store);
        UUID second = newGroup(store);
        write(tx -> {
            tx.insertNotification(Records.bareNotification(first, 40));
            tx.insertNotification(Records.fullNotification(second, 10));
        });
        write(tx -> {
            tx.insertNotification(Records.fullNotification(first, 30));
            tx.insertNotification(Records.bareNotification(second, 20_000_000_000L));
            tx.insertNotification(Records.bareNotification(first, 5));
        });

        assertThat(notifications()).extracting(QueueEvent::sequence).containsExactly(5L, 10L, 30L, 40L,
                20_000_000_000L);
        assertThat(notifications()).extracting(QueueEvent::groupId).containsExactly(first, second, first, first,
                second);
        store.write(tx -> {
            tx.insertNotification(Records.bareNotification(second, 7));
            assertThat(tx.notifications()).extracting(QueueEvent::sequence).containsExactly(5L, 7L, 10L, 30L, 40L,
                    20_000_000_000L);
            return null;
        });
    }

    @Test
    void deletingNotificationsDeletesThoseNamedAndIgnoresUnknownOnes() {
        UUID group = newGroup(store);
        QueueEvent a = newNotification(store, group);
        QueueEvent b = newNotification(store, group);
        QueueEvent c = newNotification(store, group);
        QueueEvent d = newNotification(store, group);

        write(tx -> tx.deleteNotifications(List.of(b.sequence(), 999_999L, d.sequence())));
        assertThat(notifications()).containsExactly(a, c);

        write(tx -> tx.deleteNotifications(List.of()));
        write(tx -> tx.deleteNotifications(Set.of(b.sequence(), 123L)));
        assertThat(notifications()).containsExactly(a, c);

        write(tx -> tx.deleteNotifications(List.of(c.sequence(), a.sequence())));
        assertThat(notifications()).isEmpty();
    }

    @Test
    void aDeletedNotificationsSequenceCanBeStoredAgain() {
        UUID group = newGroup(store);
        QueueEvent n = newNotification(store, group);
        write(tx -> tx.deleteNotifications(List.of(n.sequence())));
        QueueEvent again = Records.fullNotification(group, n.sequence());
        write(tx -> tx.insertNotification(again));
        assertThat(notifications()).containsExactly(again);
    }

    @Test
    void deletingAGroupDeletesItsNotificationsOnly() {
        UUID doomed = newGroup(store);
        UUID kept = newGroup(store);
        newNotification(store, doomed);
        QueueEvent keptFirst = newNotification(store, kept);
        newNotification(store, doomed);
        QueueEvent keptLast = newNotification(store, kept);

        write(tx -> tx.deleteGroup(doomed));

        assertThat(notifications()).containsExactly(keptFirst, keptLast);
        write(tx -> tx.deleteGroup(kept));
        assertThat(notifications()).isEmpty();
    }

    @Test
    void aNotificationIsStoredWithTheStateChangeOrNotAtAll() {
        UUID group = newGroup(store);
        QueueEvent kept = newNotification(store, group);
        UUID fresh = UUID.randomUUID();

        failingWrite(tx -> {
            tx.insertGroup(GroupRecord.create(fresh, "o", tx.nextSequence(), 1));
            tx.insertNotification(Records.fullNotification(fresh, tx.nextSequence()));
            tx.insertNotification(Records.fullNotification(group, tx.nextSequence()));
            tx.deleteNotifications(List.of(kept.sequence()));
            assertThat(tx.notifications()).hasSize(2);
        });
        failingWrite(tx -> tx.deleteGroup(group));

        assertThat(notifications()).containsExactly(kept);
        assertThat(group(fresh)).isEmpty();
    }

    @Test
    void aDuplicateSequenceIsRefusedAndTheStoredOneKept() {
        UUID group = newGroup(store);
        QueueEvent stored = newNotification(store, group);
        QueueEvent duplicate = Records.fullNotification(group, stored.sequence());

        assertFails(DUPLICATE_KEY, () -> write(tx -> tx.insertNotification(duplicate)));
        // refused before it reaches the data: the transaction stays usable, as for groups and jobs
        QueueEvent next = store.write(tx -> {
            assertFails(DUPLICATE_KEY, () -> tx.insertNotification(duplicate));
            QueueEvent n = Records.fullNotification(group, tx.nextSequence());
            tx.insertNotification(n);
            return n;
        });
        assertThat(notifications()).containsExactly(stored, next);
    }

    @Test
    void aNotificationOfAGroupNotStoredIsRefused() {
        UUID deleted = newGroup(store);
        UUID unknown = UUID.randomUUID();

        assertFails(NOT_FOUND, () -> write(tx -> tx.insertNotification(Records.bareNotification(unknown, 1))));
        assertFails(NOT_FOUND, () -> write(tx -> {
            tx.deleteGroup(deleted);
            tx.insertNotification(Records.bareNotification(deleted, tx.nextSequence()));
        }));
        assertThat(group(deleted)).isPresent();
        assertThat(notifications()).isEmpty();
    }

    @Test
    void aNotificationWithoutASequenceIsRefused() {
        UUID group = newGroup(store);
        QueueEvent unnumbered = Records.fullNotification(group, 0);

        assertThatThrownBy(() -> write(tx -> tx.insertNotification(unnumbered)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(notifications()).isEmpty();
    }

    @Test
    void aReadOnlyTransactionReadsTheOutboxButRefusesToChangeIt() {
        UUID group = newGroup(store);
        QueueEvent stored = newNotification(store, group);

        assertFails(ILLEGAL_OPERATION, () -> store.read(tx -> {
            tx.insertNotification(Records.fullNotification(group, 99));
            return null;
        }));
        assertFails(ILLEGAL_OPERATION, () -> store.read(tx -> {
            tx.deleteNotifications(List.of(stored.sequence()));
            return null;
        }));
        assertThat(store.read(StoreTransaction::notifications)).containsExactly(stored);
    }
}
