package org.qmgr.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qmgr.spi.store.QueueStoreException.Reason.DUPLICATE_KEY;
import static org.qmgr.spi.store.QueueStoreException.Reason.NOT_FOUND;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.qmgr.spi.store.JobRecord;

/**
 * Part of the {@link QueueStoreContract}: groups: exact round trips, replacement, duplicates, order by
 * sequence and cascading deletion.
 */
public abstract class GroupContract extends StoreContractSupport {

    @Test
    void anEmptyStoreHoldsNothing() {
        UUID unknown = UUID.randomUUID();
        store.read(tx -> {
            assertThat(tx.groups()).isEmpty();
            assertThat(tx.group(unknown)).isEmpty();
            assertThat(tx.jobs(unknown)).isEmpty();
            assertThat(tx.job(unknown)).isEmpty();
            assertThat(tx.files(unknown)).isEmpty();
            assertThat(tx.lastSequence()).isZero();
            return null;
        });
    }

    @Test
    void everyFieldOfAGroupRoundTrips() {
        GroupRecord full = Records.fullGroup(UUID.randomUUID(), 5_000_000_001L);
        GroupRecord defaults = GroupRecord.create(UUID.randomUUID(), "", 7, -1);
        write(tx -> {
            tx.insertGroup(full);
            tx.insertGroup(defaults);
        });

        assertThat(group(full.groupId())).contains(full);
        assertThat(group(defaults.groupId())).contains(defaults);
        assertThat(defaults.notifyClsid()).isNull();
        assertThat(defaults.remotePassword()).isNull();
        assertThat(defaults.errorJobIndex()).isEqualTo(-1);
    }

    @Test
    void customHeadersRoundTripInTheirOrderAndAreReplacedOrCleared() {
        UUID id = UUID.randomUUID();
        GroupRecord full = Records.fullGroup(id, 3);
        write(tx -> tx.insertGroup(full));
        assertThat(group(id).orElseThrow().customHeaders().entrySet())
                .containsExactlyElementsOf(Records.customHeaders().entrySet());

        GroupRecord one = full.toBuilder().customHeaders(Map.of("X-Only", "1")).build();
        write(tx -> tx.updateGroup(one));
        assertThat(group(id).orElseThrow().customHeaders()).containsExactly(Map.entry("X-Only", "1"));

        GroupRecord none = one.toBuilder().customHeaders(Map.of()).build();
        write(tx -> tx.updateGroup(none));
        assertThat(group(id)).contains(none);
        assertThat(none.customHeaders()).isEmpty();
    }

    @Test
    void everyStateRoundTrips() {
        for (GroupState state : GroupState.values()) {
            GroupRecord g = GroupRecord.create(UUID.randomUUID(), "o", state.ordinal() + 1, 1).toBuilder()
                    .state(state).build();
            write(tx -> tx.insertGroup(g));
            assertThat(group(g.groupId())).contains(g);
        }
    }

    @Test
    void updateReplacesEveryField() {
        UUID id = UUID.randomUUID();
        write(tx -> tx.insertGroup(Records.fullGroup(id, 10)));

        GroupRecord replaced = Records.otherFullGroup(id, 11);
        write(tx -> tx.updateGroup(replaced));
        assertThat(group(id)).contains(replaced);

        GroupRecord back = Records.fullGroup(id, 12);
        write(tx -> tx.updateGroup(back));
        assertThat(group(id)).contains(back);
    }

    @Test
    void updatingAnUnknownGroupIsNotFound() {
        assertFails(NOT_FOUND, () -> write(tx -> tx.updateGroup(GroupRecord.create(UUID.randomUUID(), "o", 1, 1))));
        assertThat(groups()).isEmpty();
    }

    @Test
    void aDuplicateGroupIsRefusedAndTheStoredOneKept() {
        GroupRecord first = Records.fullGroup(UUID.randomUUID(), 1);
        write(tx -> tx.insertGroup(first));

        assertFails(DUPLICATE_KEY, () -> write(tx -> tx.insertGroup(Records.otherFullGroup(first.groupId(), 2))));
        assertThat(groups()).containsExactly(first);
    }

    @Test
    void groupsAreListedInSequenceOrder() {
        List<Long> inserted = List.of(30L, 10L, 5_000_000_000L, 20L, 1L);
        write(tx -> inserted.forEach(seq -> tx.insertGroup(GroupRecord.create(UUID.randomUUID(), "o", seq, seq))));

        assertThat(groups()).extracting(GroupRecord::sequence)
                .containsExactly(1L, 10L, 20L, 30L, 5_000_000_000L);
    }

    @Test
    void deletingAGroupDeletesItsJobsFilesAndLeaseOnly() {
        UUID doomed = newGroup(store);
        UUID kept = newGroup(store);
        UUID doomedJob = newJob(store, doomed);
        UUID keptJob = newJob(store, kept);
        addFiles(doomedJob, 0, 3);
        addFiles(keptJob, 0, 2);
        write(tx -> tx.claim(doomed, "node-a", Duration.ofMinutes(5)).orElseThrow());
        write(tx -> tx.claim(kept, "node-a", Duration.ofMinutes(5)).orElseThrow());

        write(tx -> tx.deleteGroup(doomed));

        store.read(tx -> {
            assertThat(tx.groups()).extracting(GroupRecord::groupId).containsExactly(kept);
            assertThat(tx.jobs(doomed)).isEmpty();
            assertThat(tx.job(doomedJob)).isEmpty();
            assertThat(tx.files(doomedJob)).isEmpty();
            assertThat(tx.jobs(kept)).extracting(JobRecord::jobId).containsExactly(keptJob);
            assertThat(tx.files(keptJob)).hasSize(2);
            return null;
        });
        // the lease went with the group: a new group with the same id is free for any node
        write(tx -> tx.insertGroup(GroupRecord.create(doomed, "again", tx.nextSequence(), 1)));
        assertThat(tryClaim(store, doomed, "node-b", Duration.ofMinutes(5))).isPresent();
        assertThat(tryClaim(store, kept, "node-b", Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void deletingAnUnknownGroupDoesNothing() {
        UUID kept = newGroup(store);
        write(tx -> tx.deleteGroup(UUID.randomUUID()));
        assertThat(groups()).extracting(GroupRecord::groupId).containsExactly(kept);
    }

    @Test
    void aDeletedGroupCanBeStoredAgainWithNewJobsAndFiles() {
        UUID id = newGroup(store);
        UUID job = newJob(store, id);
        addFiles(job, 0, 2);
        write(tx -> tx.deleteGroup(id));

        write(tx -> tx.insertGroup(GroupRecord.create(id, "again", tx.nextSequence(), 2)));
        write(tx -> tx.insertJob(new JobRecord(job, id, tx.nextSequence())));
        addFiles(job, 0, 1);
        assertThat(files(job)).hasSize(1);
        assertThat(group(id)).map(GroupRecord::owner).contains("again");
    }
}
