package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupEnumerator;
import org.qmgr.api.GuidEnumerator;
import org.qmgr.api.JobEnumerator;
import org.qmgr.api.QmgrException;

/** Conformance checklist C113–C120 and C127 (spec §2.4, §6.2): snapshot enumerators and handle identity. */
class EnumeratorConformanceTest {

    private static final int E_INVALIDARG = 0x80070057;

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private BackgroundCopyQMgr qmgr;
    /** Five groups, in creation order. */
    private final List<UUID> created = new ArrayList<>();

    @BeforeEach
    void start() {
        fixture = new EngineFixture();
        qmgr = fixture.client();
        for (int i = 0; i < 5; i++) {
            created.add(qmgr.createGroup(UUID.randomUUID()).getGroupId());
        }
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void C113_nextReturnsFullThenShortThenEmptyBatches() {
        GroupEnumerator e = qmgr.enumGroups();

        List<UUID> first = e.next(3);
        List<UUID> second = e.next(3);
        List<UUID> third = e.next(1);

        assertThat(first).hasSize(3);
        assertThat(second).hasSize(2);
        assertThat(third).isEmpty();
        List<UUID> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
    }

    @Test
    void C114_skipReportsWhetherItMovedTheFullCount() {
        GroupEnumerator e = qmgr.enumGroups();

        assertThat(e.skip(4)).isTrue();
        assertThat(e.skip(4)).isFalse();

        assertThat(e.next(1)).isEmpty();
        assertThat(e.skip(1)).isFalse();
    }

    @Test
    void C115_resetRestartsWithTheSameIdsInTheSameOrder() {
        GroupEnumerator e = qmgr.enumGroups();
        List<UUID> before = e.next(5);

        e.reset();

        assertThat(e.next(5)).containsExactlyElementsOf(before);
        assertThat(before).containsExactlyElementsOf(created);
        e.next(2);
        e.reset();
        assertThat(e.next(5)).containsExactlyElementsOf(before);
    }

    @Test
    void C116_aCopyStartsAtTheSameCursorAndMovesIndependently() {
        GroupEnumerator e = qmgr.enumGroups();
        List<UUID> all = e.copy().next(5);
        e.next(2);

        GroupEnumerator copy = e.copy();

        assertThat(e.next(1)).containsExactly(all.get(2));
        assertThat(copy.next(1)).containsExactly(all.get(2));
        assertThat(copy.next(2)).containsExactly(all.get(3), all.get(4));
        assertThat(e.next(5)).containsExactly(all.get(3), all.get(4));
        copy.reset();
        assertThat(e.next(1)).isEmpty();
        assertThat(copy.getCount()).isEqualTo(5);
    }

    @Test
    void C117_getCountIsTheSnapshotSizeWhateverTheCursor() {
        GroupEnumerator e = qmgr.enumGroups();

        for (int step = 0; step < 7; step++) {
            assertThat(e.getCount()).as("after %d steps", step).isEqualTo(5);
            e.next(1);
        }
        e.reset();
        assertThat(e.getCount()).isEqualTo(5);
        assertThat(e.copy().getCount()).isEqualTo(5);
    }

    @Test
    void C118_laterCreatesAndCancelsDoNotChangeAnEnumerator() {
        GroupEnumerator e = qmgr.enumGroups();
        List<UUID> snapshot = e.copy().next(5);

        qmgr.createGroup(UUID.randomUUID());
        qmgr.getGroup(created.get(0)).cancel();
        qmgr.getGroup(created.get(3)).cancel();

        assertThat(e.getCount()).isEqualTo(5);
        assertThat(e.next(10)).containsExactlyElementsOf(snapshot);
        assertThat(qmgr.enumGroups().getCount()).isEqualTo(4);
    }

    /**
     * The raw {@code Next(celt, rgelt, NULL)} of C119 has no Java form: {@code next} returns the list and has no
     * {@code pceltFetched} out-pointer, and P10 drops the COM-shaped compat layer. What is left of the rule is
     * tested instead: a negative count is {@code E_INVALIDARG}, and a count of 0 fetches nothing ({@code S_OK}).
     */
    @Test
    void C119_negativeCountsFailWithInvalidArgAndZeroFetchesNothing() {
        BackgroundCopyGroup group = qmgr.getGroup(created.get(0));
        UUID jobId = group.createJob(UUID.randomUUID()).getJobId();
        GroupEnumerator groups = qmgr.enumGroups();
        JobEnumerator jobs = group.enumJobs();

        for (GuidEnumerator<?> e : List.of(groups, jobs)) {
            assertHresult(() -> e.next(-1), E_INVALIDARG);
            assertHresult(() -> e.skip(-1), E_INVALIDARG);
            assertHresult(() -> e.next(Integer.MIN_VALUE), E_INVALIDARG);
            assertThat(e.next(0)).isEmpty();
            assertThat(e.skip(0)).isTrue();
        }
        assertThat(groups.next(1)).containsExactly(created.get(0));
        assertThat(jobs.next(1)).containsExactly(jobId);
    }

    @Test
    void C120_enumGroupsListsCompleteGroupsButNotCancelledOnes() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            origin.put("/done", TestContent.bytes(120, 2000));
            BackgroundCopyGroup complete = qmgr.getGroup(created.get(1));
            complete.createJob(UUID.randomUUID()).addFile(origin.url("/done"), dir.resolve("done.bin").toString());
            complete.resume();
            await().atMost(Duration.ofSeconds(10)).until(() -> complete.getStatus().raw() == 0x140);
        }
        qmgr.getGroup(created.get(2)).cancel();

        List<UUID> listed = qmgr.enumGroups().next(10);

        assertThat(listed).contains(created.get(1)).doesNotContain(created.get(2))
                .containsExactly(created.get(0), created.get(1), created.get(3), created.get(4));
    }

    @Test
    void C127_handlesCompareEqualByIdAndSurviveAnUnrelatedCancel() {
        UUID id = created.get(0);
        BackgroundCopyGroup first = qmgr.getGroup(id);
        BackgroundCopyGroup second = fixture.client().getGroup(id);
        BackgroundCopyJob job = first.createJob(UUID.randomUUID());
        BackgroundCopyJob sameJob = second.getJob(job.getJobId());

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(qmgr.getGroup(created.get(1)));
        assertThat(job).isEqualTo(sameJob).hasSameHashCodeAs(sameJob)
                .isNotEqualTo(second.createJob(UUID.randomUUID()));

        qmgr.getGroup(created.get(1)).cancel();

        first.setDisplayName("still usable");
        assertThat(second.getDisplayName()).isEqualTo("still usable");
        assertThat(first.getStatus().raw()).isEqualTo(0x180);
        assertThat(sameJob.getFileCount()).isZero();
        job.addFile("http://127.0.0.1/unused", dir.resolve("unused.bin").toString());
        assertThat(sameJob.getFileCount()).isEqualTo(1);
    }

    private static void assertHresult(ThrowingCallable call, int hresult) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).as("HRESULT %s", e.hresultName()).isEqualTo(hresult));
    }
}
