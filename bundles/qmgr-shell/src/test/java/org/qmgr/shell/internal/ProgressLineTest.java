package org.qmgr.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.api.dto.GroupDTO;

class ProgressLineTest {

    private static final long MIB = 1024 * 1024;

    static GroupDTO group(String name, long done, long size, String state) {
        GroupDTO g = new GroupDTO();
        g.groupId = UUID.fromString("00000000-0000-0000-0000-000000000007");
        g.displayName = name;
        g.bytesTransferred = done;
        g.size = size;
        g.percent = size == 0 ? 0 : (int) (done * 100 / size);
        g.state = state;
        return g;
    }

    @Test
    void aLineHasBarPercentBytesRateEtaStateAndName() {
        GroupDTO g = group("iso", 12 * MIB + 300 * 1024, 29 * MIB, "TRANSFERRING");
        assertThat(ProgressLine.render(g, 1.2 * MIB))
                .isEqualTo("[########------------]  42%  12.3 MiB / 29.0 MiB  1.2 MiB/s  ETA 0:14  TRANSFERRING  iso");
    }

    @Test
    void theBarFillsOneMarkPerFivePercent() {
        assertThat(ProgressLine.bar(0)).isEqualTo("[--------------------]");
        assertThat(ProgressLine.bar(4)).isEqualTo("[--------------------]");
        assertThat(ProgressLine.bar(55)).isEqualTo("[###########---------]");
        assertThat(ProgressLine.bar(100)).isEqualTo("[####################]");
    }

    @Test
    void anUnknownSizeOrRateLeavesTheEtaOpen() {
        assertThat(ProgressLine.render(group("a", 5000, 0, "TRANSFERRING"), 100))
                .isEqualTo("[--------------------]   0%  4.9 KiB / ?  100 B/s  ETA --:--  TRANSFERRING  a");
        assertThat(ProgressLine.render(group("b", 0, 10 * MIB, "QUEUED"), -1))
                .contains("  --/s  ETA --:--  QUEUED  b");
    }

    @Test
    void etaUsesHoursWhenLongAndZeroWhenComplete() {
        assertThat(ProgressLine.eta(group("c", 0, 8000, "TRANSFERRING"), 2)).isEqualTo("1:06:40");
        assertThat(ProgressLine.eta(group("c", 8000, 8000, "COMPLETE"), -1)).isEqualTo("0:00");
    }

    @Test
    void aGroupWithoutDisplayNameShowsItsId() {
        assertThat(ProgressLine.render(group("", 0, 1, "SUSPENDED"), -1))
                .endsWith("SUSPENDED  00000000-0000-0000-0000-000000000007");
    }

    @Test
    void aGroupOfManyFilesWithoutASizeYetCountsFilesAndEstimatesTheRestFromTheSizesKnown() {
        GroupDTO g = group("hundred", 75 * MIB, 0, "TRANSFERRING");
        org.qmgr.api.dto.JobDTO job = new org.qmgr.api.dto.JobDTO();
        for (int i = 0; i < 100; i++) {
            org.qmgr.api.dto.FileDTO f = new org.qmgr.api.dto.FileDTO();
            f.completed = i < 37;
            f.totalBytes = i < 38 ? 2 * MIB : -1;
            job.files.add(f);
        }
        g.jobs.add(job);

        assertThat(ProgressLine.render(g, 25 * MIB))
                .isEqualTo("[#######-------------]  37%  75.0 MiB / 37/100 files  25.0 MiB/s  ETA ~0:05  TRANSFERRING  hundred");
        g.state = "COMPLETE";
        g.size = 200 * MIB;
        assertThat(ProgressLine.render(g, -1)).contains(" / 200.0 MiB ");
    }
}
