package org.qmgr.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qmgr.spi.store.QueueStoreException.Reason.DUPLICATE_KEY;
import static org.qmgr.spi.store.QueueStoreException.Reason.ILLEGAL_OPERATION;
import static org.qmgr.spi.store.QueueStoreException.Reason.NOT_FOUND;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.JobRecord;

/**
 * Part of the {@link QueueStoreContract}: jobs and files: order, lookups across the queue, duplicates, the
 * file index rule and exact round trips.
 */
public abstract class JobFileContract extends GroupContract {

    @Test
    void jobsAreListedPerGroupInSequenceOrder() {
        UUID a = newGroup(store);
        UUID b = newGroup(store);
        UUID a2 = UUID.randomUUID();
        UUID a1 = UUID.randomUUID();
        UUID b1 = UUID.randomUUID();
        write(tx -> {
            tx.insertJob(new JobRecord(a2, a, 5_000_000_020L));
            tx.insertJob(new JobRecord(b1, b, 15));
            tx.insertJob(new JobRecord(a1, a, 10));
        });

        store.read(tx -> {
            assertThat(tx.jobs(a)).containsExactly(new JobRecord(a1, a, 10), new JobRecord(a2, a, 5_000_000_020L));
            assertThat(tx.jobs(b)).containsExactly(new JobRecord(b1, b, 15));
            assertThat(tx.job(a2)).contains(new JobRecord(a2, a, 5_000_000_020L));
            assertThat(tx.job(b1)).contains(new JobRecord(b1, b, 15));
            return null;
        });
    }

    @Test
    void aJobIdIsUniqueAcrossTheQueue() {
        UUID a = newGroup(store);
        UUID b = newGroup(store);
        UUID job = newJob(store, a);

        assertFails(DUPLICATE_KEY, () -> write(tx -> tx.insertJob(new JobRecord(job, b, 99))));
        assertFails(DUPLICATE_KEY, () -> write(tx -> tx.insertJob(new JobRecord(job, a, 99))));
        assertThat(job(job)).map(JobRecord::groupId).contains(a);
        assertThat(jobs(b)).isEmpty();
    }

    @Test
    void aJobNeedsItsGroup() {
        assertFails(NOT_FOUND, () -> write(tx -> tx.insertJob(new JobRecord(UUID.randomUUID(), UUID.randomUUID(), 1))));
    }

    @Test
    void deletingAJobDeletesItsFilesOnly() {
        UUID group = newGroup(store);
        UUID doomed = newJob(store, group);
        UUID kept = newJob(store, group);
        addFiles(doomed, 0, 3);
        addFiles(kept, 0, 2);

        write(tx -> tx.deleteJob(doomed));
        write(tx -> tx.deleteJob(UUID.randomUUID()));

        store.read(tx -> {
            assertThat(tx.job(doomed)).isEmpty();
            assertThat(tx.files(doomed)).isEmpty();
            assertThat(tx.jobs(group)).extracting(JobRecord::jobId).containsExactly(kept);
            assertThat(tx.files(kept)).hasSize(2);
            return null;
        });
        assertFails(NOT_FOUND, () -> addFiles(doomed, 0, 1));
    }

    @Test
    void everyFieldOfAFileRoundTrips() {
        UUID job = newJob(store, newGroup(store));
        FileRecord emptyDigest = Records.progressFile(job, 3).withProgress(0, null, -1, null, new byte[0]);
        List<FileRecord> files = List.of(
                FileRecord.pending(job, 0, "http://h/a", "/tmp/a", 0, null),
                Records.progressFile(job, 1),
                Records.completedFile(job, 2),
                emptyDigest);
        write(tx -> tx.insertFiles(files));

        assertThat(files(job)).containsExactlyElementsOf(files);
        FileRecord pending = files(job).get(0);
        assertThat(pending.totalBytes()).isEqualTo(-1);
        assertThat(pending.lastModifiedMillis()).isEqualTo(-1);
        assertThat(pending.digestState()).isNull();
        assertThat(files(job).get(3).digestState()).isEmpty();
    }

    @Test
    void filesAreListedInIndexOrderPerJob() {
        UUID group = newGroup(store);
        UUID a = newJob(store, group);
        UUID b = newJob(store, group);
        List<FileRecord> interleaved = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            interleaved.add(FileRecord.pending(a, i, "http://h/a" + i, "/a" + i, i, null));
            interleaved.add(FileRecord.pending(b, i, "http://h/b" + i, "/b" + i, i, null));
        }
        write(tx -> tx.insertFiles(interleaved));
        addFiles(a, 12, 100);
        write(tx -> tx.insertFiles(List.of()));

        assertThat(files(a)).extracting(FileRecord::index).containsExactlyElementsOf(range(0, 112));
        assertThat(files(b)).extracting(FileRecord::index).containsExactlyElementsOf(range(0, 12));
        assertThat(files(b)).extracting(FileRecord::remoteUrl).startsWith("http://h/b0", "http://h/b1");
    }

    @Test
    void aFileMustTakeTheNextFreeIndex() {
        UUID job = newJob(store, newGroup(store));
        assertFails(ILLEGAL_OPERATION, () -> addFiles(job, 1, 1));
        addFiles(job, 0, 2);

        assertFails(ILLEGAL_OPERATION, () -> addFiles(job, 3, 1));
        assertFails(ILLEGAL_OPERATION, () -> addFiles(job, 1, 1));
        assertFails(ILLEGAL_OPERATION, () -> write(tx -> tx.insertFiles(List.of(
                FileRecord.pending(job, 2, "http://h/x", "/x", 0, null),
                FileRecord.pending(job, 2, "http://h/y", "/y", 0, null)))));
        assertFails(ILLEGAL_OPERATION, () -> write(tx -> tx.insertFiles(List.of(
                FileRecord.pending(job, 2, "http://h/x", "/x", 0, null),
                FileRecord.pending(job, 4, "http://h/y", "/y", 0, null)))));

        assertThat(files(job)).extracting(FileRecord::index).containsExactly(0, 1);
        addFiles(job, 2, 1);
        assertThat(files(job)).extracting(FileRecord::index).containsExactly(0, 1, 2);
    }

    @Test
    void filesNeedTheirJob() {
        assertFails(NOT_FOUND, () -> addFiles(UUID.randomUUID(), 0, 1));
    }

    @Test
    void updateReplacesEveryFieldOfOneFile() {
        UUID job = newJob(store, newGroup(store));
        addFiles(job, 0, 3);
        FileRecord progress = Records.progressFile(job, 1);
        write(tx -> tx.updateFile(progress));
        assertThat(files(job).get(1)).isEqualTo(progress);

        FileRecord completed = Records.completedFile(job, 1);
        write(tx -> tx.updateFile(completed));
        List<FileRecord> stored = files(job);
        assertThat(stored.get(1)).isEqualTo(completed);
        assertThat(stored.get(1).tempPath()).isNull();
        assertThat(stored.get(0)).isEqualTo(Records.pendingFiles(job, 0, 1).get(0));
        assertThat(stored.get(2)).isEqualTo(Records.pendingFiles(job, 2, 1).get(0));
    }

    @Test
    void updatingAnUnknownFileIsNotFound() {
        UUID job = newJob(store, newGroup(store));
        addFiles(job, 0, 2);
        assertFails(NOT_FOUND, () -> write(tx -> tx.updateFile(Records.progressFile(job, 2))));
        assertFails(NOT_FOUND, () -> write(tx -> tx.updateFile(Records.progressFile(job, -1))));
        assertFails(NOT_FOUND, () -> write(tx -> tx.updateFile(Records.progressFile(UUID.randomUUID(), 0))));
        assertThat(files(job)).containsExactlyElementsOf(Records.pendingFiles(job, 0, 2));
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }
}
