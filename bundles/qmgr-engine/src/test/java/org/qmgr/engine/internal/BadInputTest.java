package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.Guids;
import org.qmgr.api.HResults;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.QmgrException;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.api.QmgrPathNotFoundException;

/** Bad input gets a typed exception with the spec's HRESULT and stores nothing. */
class BadInputTest {

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private BackgroundCopyQMgr qmgr;

    @BeforeEach
    void start() {
        fixture = new EngineFixture();
        qmgr = fixture.client();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void createGroupRejectsNullNullGuidAndDuplicatesAndStoresNothing() {
        assertHresult(() -> qmgr.createGroup(null), HResults.E_INVALIDARG, QmgrInvalidArgumentException.class);
        assertHresult(() -> qmgr.createGroup(Guids.GUID_NULL), HResults.E_INVALIDARG, QmgrInvalidArgumentException.class);
        UUID id = UUID.randomUUID();
        BackgroundCopyGroup first = qmgr.createGroup(id);
        first.setDisplayName("first");
        assertHresult(() -> qmgr.createGroup(id), HResults.E_INVALIDARG, QmgrInvalidArgumentException.class);
        assertThat(qmgr.enumGroups().getCount()).isEqualTo(1);
        assertThat(first.getDisplayName()).isEqualTo("first");
        assertThat(first.getStatus().raw()).isEqualTo(0x180);
    }

    @Test
    void addFilesRejectsARelativeLocalPathAndAddsNothing() {
        BackgroundCopyJob job = newJob();
        assertHresult(() -> job.addFile("http://127.0.0.1/x", "relative/path"), HResults.E_INVALIDARG,
                QmgrInvalidArgumentException.class);
        assertThat(job.getFileCount()).isZero();
    }

    @Test
    void addFilesRejectsAUrlTheGroupCannotServe() {
        BackgroundCopyJob job = newJob();
        String local = dir.resolve("f").toString();
        for (String url : List.of("ftp://127.0.0.1/f", "file:///etc/hosts", "\\\\server\\share\\f", "HTTPX://h/f",
                "http://h/with space", "http:///nohost", "http://h/a*b")) {
            assertHresult(() -> job.addFile(url, local), HResults.E_INVALIDARG, QmgrInvalidArgumentException.class);
        }
        assertThat(job.getFileCount()).isZero();
        job.addFile("HTTPS://127.0.0.1/ok?query=1&b=2", local);
        assertThat(job.getFile(0).remoteFile()).isEqualTo("HTTPS://127.0.0.1/ok?query=1&b=2");
    }

    @Test
    void aBatchWithOneBadEntryAddsNothing() {
        BackgroundCopyJob job = newJob();
        List<FileSetInfo> batch = List.of(new FileSetInfo("http://h/1", dir.resolve("1").toString()),
                new FileSetInfo("http://h/2", dir.resolve("2").toString()),
                new FileSetInfo("http://h/3", dir.resolve("1").toString()));
        assertHresult(() -> job.addFiles(batch), HResults.E_INVALIDARG, QmgrInvalidArgumentException.class);
        assertThat(job.getFileCount()).isZero();
    }

    @Test
    void missingParentDirectoryAndHostDirectoriesAreRefused() {
        BackgroundCopyJob job = newJob();
        assertHresult(() -> job.addFile("http://h/f", dir.resolve("no/such/dir/f").toString()),
                HResults.E_PATH_NOT_FOUND, QmgrPathNotFoundException.class);
        String home = System.getProperty("karaf.home");
        System.setProperty("karaf.home", dir.toString());
        try {
            dir.resolve("etc").toFile().mkdir();
            assertHresult(() -> job.addFile("http://h/f", dir.resolve("etc/evil.cfg").toString()),
                    HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
        } finally {
            if (home == null) {
                System.clearProperty("karaf.home");
            } else {
                System.setProperty("karaf.home", home);
            }
        }
        assertThat(job.getFileCount()).isZero();
    }

    @Test
    void resumeWithoutFilesIsAnInvalidState() {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        assertHresult(group::resume, HResults.QM_E_INVALID_STATE, QmgrInvalidStateException.class);
        group.createJob(UUID.randomUUID());
        assertHresult(group::resume, HResults.QM_E_INVALID_STATE, QmgrInvalidStateException.class);
        assertThat(group.getStatus().raw()).isEqualTo(0x180);
    }

    @Test
    void anotherOwnerIsDeniedAndAnAdministratorTakesOver() {
        BackgroundCopyGroup mine = qmgr.createGroup(UUID.randomUUID());
        UUID id = mine.getGroupId();
        BackgroundCopyJob myJob = mine.createJob(UUID.randomUUID());
        BackgroundCopyQMgr other = fixture.client("bundle:other", false);
        assertHresult(() -> other.getGroup(id), HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
        assertThat(other.enumGroups().getCount()).isZero();
        BackgroundCopyQMgr admin = fixture.client("karaf", true);
        try (LogCapture log = new LogCapture()) {
            BackgroundCopyGroup taken = admin.getGroup(id);
            assertThat(taken.getInfo().owner).isEqualTo("karaf");
            assertThat(log.lines("INFO", "org.qmgr.engine")).anyMatch(l -> l.contains("group " + id + " taken over by karaf from bundle:test"));
        }
        assertHresult(() -> qmgr.getGroup(id), HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
        // the former owner's handles lost access too: they can neither steer nor read the group any more
        assertHresult(mine::suspend, HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
        assertHresult(mine::cancel, HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
        assertHresult(() -> mine.setDisplayName("mine again"), HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
        assertHresult(() -> mine.setRemoteCredentials("u", "p"), HResults.E_ACCESSDENIED,
                QmgrAccessDeniedException.class);
        assertHresult(mine::getInfo, HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
        assertHresult(() -> mine.createJob(UUID.randomUUID()), HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
        assertHresult(() -> myJob.addFile("http://127.0.0.1/f", dir.resolve("f").toString()), HResults.E_ACCESSDENIED,
                QmgrAccessDeniedException.class);
        assertHresult(myJob::getFileCount, HResults.E_ACCESSDENIED, QmgrAccessDeniedException.class);
        BackgroundCopyGroup taken = admin.getGroup(id);
        assertThat(taken.getDisplayName()).isEmpty();
        assertThat(taken.getJob(myJob.getJobId()).getFileCount()).isZero();
        assertThat(taken.getStatus().raw()).isEqualTo(0x180);
        // the administrator's handle keeps working, and a cancelled group still reports its state first
        taken.cancel();
        assertHresult(mine::suspend, HResults.QM_E_INVALID_STATE, QmgrInvalidStateException.class);
    }

    private BackgroundCopyJob newJob() {
        return qmgr.createGroup(UUID.randomUUID()).createJob(UUID.randomUUID());
    }

    private static void assertHresult(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int hresult,
                                      Class<? extends QmgrException> type) {
        assertThatThrownBy(call).isInstanceOf(type)
                .satisfies(e -> assertThat(((QmgrException) e).hresult()).isEqualTo(hresult));
    }
}
