package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumingThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.QmgrException;

/**
 * Conformance checklist C44–C58 (spec §2.3.4–§2.3.6, §2.6): what {@code addFiles} accepts and rejects, all or
 * nothing, with P8 (schemes per protocol) and P9 (local path length 4096 by default, confinement) applied.
 */
class AddFilesConformanceTest extends EngineTestSupport {
    private static final int E_INVALIDARG = 0x80070057;
    private static final int E_ACCESSDENIED = 0x80070005;
    private static final int PATH_NOT_FOUND = 0x80070003;
    private static final int QM_E_INVALID_STATE = 0x81001001;
    private static final int QM_E_ITEM_NOT_FOUND = 0x81001004;


    @Test
    void C44_oneValidFileIsAddedAndReadBackVerbatim() {
        BackgroundCopyJob job = newJob(fixture);
        String remote = "http://127.0.0.1:8080/Dir/File.BIN?v=1&x=%41";
        String local = dir.resolve("file.bin").toString();

        job.addFiles(List.of(new FileSetInfo(remote, local, 0xFFFF_FFF0)));

        assertThat(job.getFileCount()).isEqualTo(1);
        FileSetInfo back = job.getFile(0);
        assertThat(back.remoteFile()).isEqualTo(remote);
        assertThat(back.localFile()).isEqualTo(local);
        assertThat(back.sizeHint()).isEqualTo(0xFFFF_FFF0);
    }

    @Test
    void C45_filesTakeIndicesInInsertionOrderAcrossCalls() {
        BackgroundCopyJob job = newJob(fixture);

        job.addFiles(files(0, 3));
        job.addFiles(files(3, 5));

        assertThat(job.getFileCount()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(job.getFile(i).remoteFile()).isEqualTo("http://h/f" + i);
            assertThat(job.getFile(i).localFile()).isEqualTo(dir.resolve("f" + i).toString());
            assertThat(job.getFile(i).sizeHint()).isEqualTo(i);
        }
    }

    @Test
    void C46_getFileAtCountOrMaxDwordIsItemNotFound() {
        BackgroundCopyJob job = newJob(fixture);
        assertHresult(() -> job.getFile(0), QM_E_ITEM_NOT_FOUND);
        job.addFiles(files(0, 2));

        assertHresult(() -> job.getFile(2), QM_E_ITEM_NOT_FOUND);
        assertHresult(() -> job.getFile(0xFFFF_FFFF), QM_E_ITEM_NOT_FOUND);
        assertThat(job.getFile(1).remoteFile()).isEqualTo("http://h/f1");
    }

    /** P8: an HTTP group allows http and https only (QMGR's own list plus https). */
    @Test
    void C47_httpsIsAcceptedAndOtherSchemesAreInvalidForAnHttpGroup() {
        BackgroundCopyJob job = newJob(fixture);
        String local = dir.resolve("f").toString();
        for (String url : List.of("ftp://h/f", "file:///x", "\\\\server\\share\\f", "HTTPX://h/f")) {
            assertHresult(() -> job.addFile(url, local), E_INVALIDARG);
        }
        assertThat(job.getFileCount()).isZero();

        job.addFile("https://h/f", local);
        job.addFile("HTTP://h/g", dir.resolve("g").toString());

        assertThat(job.getFileCount()).isEqualTo(2);
        assertThat(job.getFile(0).remoteFile()).isEqualTo("https://h/f");
    }

    @Test
    void C48_aRelativeLocalPathIsInvalid() {
        BackgroundCopyJob job = newJob(fixture);

        assertHresult(() -> job.addFile("http://h/f", "relative/f"), E_INVALIDARG);
        assertHresult(() -> job.addFile("http://h/f", "f"), E_INVALIDARG);
        assertHresult(() -> job.addFile("http://h/f", "./f"), E_INVALIDARG);

        assertThat(job.getFileCount()).isZero();
    }

    @Test
    void C49_wildcardsInTheRemotePathOrTheLocalNameAreInvalid() throws Exception {
        BackgroundCopyJob job = newJob(fixture);
        Files.createDirectory(dir.resolve("x*"));

        assertHresult(() -> job.addFile("http://h/a*b", dir.resolve("f").toString()), E_INVALIDARG);
        assertHresult(() -> job.addFile("http://h/*/f", dir.resolve("f").toString()), E_INVALIDARG);
        assertHresult(() -> job.addFile("http://h/f", dir.resolve("a*b").toString()), E_INVALIDARG);
        assertHresult(() -> job.addFile("http://h/f", dir.resolve("x*").resolve("f").toString()), E_INVALIDARG);
        assertHresult(() -> job.addFile("http://h/f", dir.resolve("a?b").toString()), E_INVALIDARG);
        assertThat(job.getFileCount()).isZero();

        job.addFile("http://h/f?q=1", dir.resolve("f").toString());

        assertThat(job.getFile(0).remoteFile()).isEqualTo("http://h/f?q=1");
    }

    @Test
    void C50_aRemoteUrlOf2200UnitsIsAcceptedAnd2201IsInvalid() {
        BackgroundCopyJob job = newJob(fixture);
        String base = "http://h/";
        String longest = base + "a".repeat(2200 - base.length());

        assertHresult(() -> job.addFile(longest + "b", dir.resolve("g").toString()), E_INVALIDARG);
        job.addFile(longest, dir.resolve("f").toString());

        assertThat(job.getFileCount()).isEqualTo(1);
        assertThat(job.getFile(0).remoteFile()).hasSize(2200).isEqualTo(longest);
    }

    /**
     * P9 replaces MAX_PATH: 4096 by default, configurable. The parent directories exist, so only the length
     * check (which §2.3.4 runs before the existence and access checks) can reject the longer path.
     */
    @Test
    void C51_localPathLongerThanTheConfiguredMaximumIsInvalid() throws Exception {
        BackgroundCopyJob job = newJob(fixture);
        Path deep = nestedDirectory(4000);
        assertHresult(() -> job.addFile("http://h/f", pathOfLength(deep, 4097)), E_INVALIDARG);
        job.addFile("http://h/f", pathOfLength(deep, 4096));
        job.addFile("http://h/g", pathOfLength(nestedDirectory(200), 261));
        assertThat(job.getFileCount()).isEqualTo(2);

        try (EngineFixture legacy = new EngineFixture(EngineFixture.settings().with("maxLocalPathLength", 260).build())) {
            BackgroundCopyJob legacyJob = newJob(legacy);
            Path shallow = nestedDirectory(200);

            assertHresult(() -> legacyJob.addFile("http://h/f", pathOfLength(shallow, 261)), E_INVALIDARG);
            legacyJob.addFile("http://h/f", pathOfLength(shallow, 260));

            assertThat(legacyJob.getFileCount()).isEqualTo(1);
        }
    }

    @Test
    void C52_spacesAndControlCharactersAreInvalidAndTheUrlIsStoredVerbatim() {
        BackgroundCopyJob job = newJob(fixture);
        String local = dir.resolve("f").toString();
        for (String url : List.of("http://h/a b", "http://h/a\tb", "http://h/a\u0001b", "http://h/a\nb",
                "http://h/a\u007fb", " http://h/f")) {
            assertHresult(() -> job.addFile(url, local), E_INVALIDARG);
        }
        String verbatim = "http://h/a%20b/%7Euser/%2F?q=%41&r=a+b#frag";

        job.addFile(verbatim, local);

        assertThat(job.getFile(0).remoteFile()).isEqualTo(verbatim);
    }

    /**
     * Root may write into a read-only directory, so the E_ACCESSDENIED half is shown with P9's confinement to
     * {@code allowedLocalRoots}; the read-only directory case runs only when the test user cannot write there.
     */
    @Test
    void C53_missingParentIsPathNotFoundAndAnUnwritableParentIsAccessDenied() throws Exception {
        BackgroundCopyJob job = newJob(fixture);
        assertHresult(() -> job.addFile("http://h/f", dir.resolve("missing/f").toString()), PATH_NOT_FOUND);
        assertHresult(() -> job.addFile("http://h/f", dir.resolve("missing/deeper/f").toString()), PATH_NOT_FOUND);

        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        try (EngineFixture confined = new EngineFixture(EngineFixture.settings()
                .with("allowedLocalRoots", new String[] {allowed.toString()}).build())) {
            BackgroundCopyJob confinedJob = newJob(confined);

            assertHresult(() -> confinedJob.addFile("http://h/f", outside.resolve("f").toString()), E_ACCESSDENIED);
            assertHresult(() -> confinedJob.addFile("http://h/f", allowed.resolve("../outside/f").toString()),
                    E_ACCESSDENIED);
            confinedJob.addFile("http://h/f", allowed.resolve("f").toString());

            assertThat(confinedJob.getFileCount()).isEqualTo(1);
        }

        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumingThat(!Files.isWritable(readOnly), () ->
                    assertHresult(() -> job.addFile("http://h/f", readOnly.resolve("f").toString()), E_ACCESSDENIED));
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertThat(job.getFileCount()).isZero();
    }

    @Test
    void C54_aBatchWhoseThirdEntryIsInvalidAddsNothing() {
        BackgroundCopyJob job = newJob(fixture);
        job.addFile("http://h/first", dir.resolve("first").toString());

        assertHresult(() -> job.addFiles(List.of(file(1), file(2), new FileSetInfo("ftp://h/3", dir.resolve("f3")
                .toString()))), E_INVALIDARG);
        assertHresult(() -> job.addFiles(List.of(file(1), file(2), new FileSetInfo("http://h/3", dir.resolve("no/f3")
                .toString()))), PATH_NOT_FOUND);

        assertThat(job.getFileCount()).isEqualTo(1);
        assertThat(job.getFile(0).remoteFile()).isEqualTo("http://h/first");
        job.addFiles(List.of(file(1), file(2)));
        assertThat(job.getFileCount()).isEqualTo(3);
    }

    @Test
    void C55_nullOrEmptyNamesAndDuplicateLocalNamesAreInvalid() {
        BackgroundCopyJob job = newJob(fixture);
        String local = dir.resolve("f").toString();
        assertHresult(() -> job.addFile(null, local), E_INVALIDARG);
        assertHresult(() -> job.addFile("", local), E_INVALIDARG);
        assertHresult(() -> job.addFile("http://h/f", null), E_INVALIDARG);
        assertHresult(() -> job.addFile("http://h/f", ""), E_INVALIDARG);
        assertHresult(() -> job.addFiles(Arrays.asList(file(1), null)), E_INVALIDARG);
        assertHresult(() -> job.addFiles(List.of(new FileSetInfo("http://h/a", local),
                new FileSetInfo("http://h/b", local))), E_INVALIDARG);
        assertThat(job.getFileCount()).isZero();

        job.addFile("http://h/f", local);

        assertHresult(() -> job.addFile("http://h/other", local), E_INVALIDARG);
        assertHresult(() -> job.addFile("http://h/other", dir.resolve("sub/../f").toString()), E_INVALIDARG);
        assertThat(job.getFileCount()).isEqualTo(1);
    }

    @Test
    void C56_anEmptyListIsANoOp() {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFiles(List.of());
        assertThat(job.getFileCount()).isZero();

        origin.put("/f", TestContent.bytes(56, 1000));
        job.addFile(origin.url("/f"), dir.resolve("f").toString());
        job.addFiles(List.of());
        assertThat(job.getFileCount()).isEqualTo(1);
        assertThat(group.getStatus().raw()).isEqualTo(0x180);

        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x140);
        job.addFiles(List.of());

        assertThat(group.getStatus().raw()).isEqualTo(0x140);
        assertThat(job.getStatus().raw()).isEqualTo(0x04);
        assertThat(job.getFileCount()).isEqualTo(1);
    }

    /** Spec §1.7 precedence: malformed input is still E_INVALIDARG; the cancelled group comes after it. */
    @Test
    void C57_addFilesOnACancelledGroupsJobIsInvalidState() {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFile("http://h/f", dir.resolve("f").toString());

        group.cancel();

        assertHresult(() -> job.addFile("http://h/g", dir.resolve("g").toString()), QM_E_INVALID_STATE);
        assertHresult(() -> job.addFiles(List.of()), QM_E_INVALID_STATE);
        assertHresult(() -> job.addFile("http://h/g", "relative"), E_INVALIDARG);
        assertThat(job.getJobId()).isNotNull();
    }

    @Test
    void C58_sizeHintsDoNotMakeTheSizeKnown() {
        byte[] body = TestContent.bytes(58, 5000);
        origin.put("/f", body);
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFiles(List.of(new FileSetInfo(origin.url("/f"), dir.resolve("f").toString(), 123_456),
                new FileSetInfo(origin.url("/missing"), dir.resolve("g").toString(), 0xFFFF_FFFF)));

        assertThat(group.getSize()).isZero();
        assertThat(group.getSizeRaw()).isZero();
        assertThat(job.getFile(0).sizeHint()).isEqualTo(123_456);

        group.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);

        assertThat(job.getFileInfo(0).completed).isTrue();
        assertThat(job.getFileInfo(0).totalBytes).isEqualTo(body.length);
        assertThat(group.getSize()).as("the size of file 1 (404) is still unknown").isZero();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static BackgroundCopyJob newJob(EngineFixture f) {
        return f.client().createGroup(UUID.randomUUID()).createJob(UUID.randomUUID());
    }

    private FileSetInfo file(int i) {
        return new FileSetInfo("http://h/f" + i, dir.resolve("f" + i).toString(), i);
    }

    private List<FileSetInfo> files(int from, int to) {
        return IntStream.range(from, to).mapToObj(this::file).toList();
    }

    /** A new directory under the temp dir whose absolute path is exactly {@code length} characters long. */
    private Path nestedDirectory(int length) throws Exception {
        Path base = Files.createTempDirectory(dir, "n");
        int remaining = length - base.toString().length();
        assertThat(remaining).as("temp dir too deep for the test").isGreaterThan(2);
        List<String> names = new ArrayList<>();
        while (remaining > 0) {
            int name = Math.min(200, remaining - 1);
            if (remaining - 1 - name == 1) {
                name--;
            }
            names.add("d".repeat(name));
            remaining -= name + 1;
        }
        Path deep = base;
        for (String name : names) {
            deep = deep.resolve(name);
        }
        Files.createDirectories(deep);
        assertThat(deep.toString()).hasSize(length);
        return deep;
    }

    private static String pathOfLength(Path parent, int length) {
        String path = parent.resolve("f".repeat(length - parent.toString().length() - 1)).toString();
        assertThat(path).hasSize(length);
        return path;
    }

    private static void assertHresult(ThrowingCallable call, int hresult) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).as("HRESULT 0x%08X", e.hresult()).isEqualTo(hresult));
    }
}
