package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;

/** Percent done (spec A-16): the floor, capped at 99 until the group is COMPLETE, then 100. */
class StatusWordsTest {

    private final UUID job = UUID.randomUUID();

    @Test
    void everyByteHeldButNotCommittedIs99AndCompleteIs100() {
        GroupEntry g = new GroupEntry(GroupRecord.create(UUID.randomUUID(), "owner", 1, 0).toBuilder()
                .state(GroupState.TRANSFERRING).build());
        List<FileRecord> files = List.of(sized(0, 1000), sized(1, 0));

        assertThat(StatusWords.percent(g, files, 1000)).isEqualTo(99);
        assertThat(StatusWords.percent(g, files, 990)).isEqualTo(99);
        assertThat(StatusWords.percent(g, files, 989)).isEqualTo(98);

        g.record(g.record().toBuilder().state(GroupState.COMPLETE).build());
        assertThat(StatusWords.percent(g, files, 1000)).isEqualTo(100);
    }

    @Test
    void anUnknownSizeGivesZero() {
        GroupEntry g = new GroupEntry(GroupRecord.create(UUID.randomUUID(), "owner", 1, 0));
        List<FileRecord> files = List.of(sized(0, 1000), FileRecord.pending(job, 1, "http://h/b", "/tmp/b", 0, null));

        assertThat(StatusWords.percent(g, files, 1000)).isZero();
    }

    private FileRecord sized(int index, long size) {
        return FileRecord.pending(job, index, "http://h/" + index, "/tmp/" + index, 0, null).withTotalBytes(size);
    }
}
