package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.FileSetInfo;
import org.qmgr.api.GroupProp;
import org.qmgr.api.Guids;
import org.qmgr.api.HResults;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.QmgrClassNotRegisteredException;
import org.qmgr.api.QmgrException;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.QmgrInvalidHeaderException;
import org.qmgr.api.QmgrItemNotFoundException;
import org.qmgr.api.QmgrLimitExceededException;
import org.qmgr.api.QmgrNotImplementedException;
import org.qmgr.api.QmgrPathNotFoundException;
import org.qmgr.api.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, bad input: every public method of the queue manager, group, job and enumerators fed nulls, empty
 * and over-long strings, malformed URLs, control characters, {@code ..} traversal, escaping symlinks, paths
 * into the host installation and colliding ids. Each case must throw exactly the documented exception with its
 * HRESULT, a one-line message, and leave the queue as an administrator sees it unchanged.
 *
 * <p>All cases share one engine whose queue holds a caller's group with a job and a file, an empty group and
 * another user's group: a case that wrongly changed something shows in its own before/after comparison.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueTest {

    private static final Logger LOG = LoggerFactory.getLogger(BadInputCatalogueTest.class);
    private static final UUID UNKNOWN = UUID.fromString("0badbad0-0000-4000-8000-000000000001");
    private static final String ORIGIN = "http://127.0.0.1:9/";

    @TempDir
    static Path tmp;
    private static Path allowed;
    private static Path outside;
    private static Path karafHome;
    private static Path karafBase;

    private final Map<String, String> savedProperties = new HashMap<>();
    private EngineFixture fixture;
    private Ctx ctx;

    /** What a case works on. */
    record Ctx(BackgroundCopyQMgr qmgr, BackgroundCopyQMgr admin, BackgroundCopyGroup group, BackgroundCopyJob job,
               BackgroundCopyGroup empty, UUID othersGroup) {
    }

    /** One row of the catalogue: a call and the exception it must throw. */
    record Case(String name, Consumer<Ctx> call, Class<? extends QmgrException> type, int hresult) {
    }

    @BeforeAll
    void start() throws IOException {
        allowed = Files.createDirectories(tmp.resolve("allowed"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("target.txt"), "not yours");
        // The host installation lies inside the allowed root, so only the host rule (P9) can refuse it.
        karafHome = Files.createDirectories(allowed.resolve("karaf"));
        karafBase = Files.createDirectories(allowed.resolve("karaf-base"));
        for (String d : List.of("etc", "deploy", "system", "lib", "bin")) {
            Files.createDirectories(karafHome.resolve(d));
            Files.createDirectories(karafBase.resolve(d));
        }
        Files.createDirectories(allowed.resolve("a/b"));
        Files.createSymbolicLink(allowed.resolve("escape"), outside);
        Files.createSymbolicLink(allowed.resolve("escapeSub"), outside.resolve("sub"));
        Files.createSymbolicLink(allowed.resolve("fileLink"), outside.resolve("target.txt"));
        Files.createSymbolicLink(allowed.resolve("etcLink"), karafHome.resolve("etc"));
        setProperty("karaf.home", karafHome.toString());
        setProperty("karaf.base", karafBase.toString());
        setProperty("karaf.etc", null);

        fixture = new EngineFixture(EngineFixture.settings()
                .with("allowedLocalRoots", new String[] {allowed.toString()}).build());
        BackgroundCopyQMgr qmgr = fixture.client();
        BackgroundCopyQMgr admin = fixture.client("karaf", true);
        BackgroundCopyQMgr other = fixture.client("bundle:other", false);
        BackgroundCopyGroup group = qmgr.createGroup(UUID.fromString("00000000-0000-4000-8000-00000000000a"));
        group.setDisplayName("existing");
        group.setDescription("has a job and a file");
        group.setCustomHeaders(Map.of("X-Existing", "1"));
        BackgroundCopyJob job = group.createJob(UUID.fromString("00000000-0000-4000-8000-0000000000a1"));
        job.addFile(ORIGIN + "existing", allowed.resolve("existing").toString());
        BackgroundCopyGroup empty = qmgr.createGroup(UUID.fromString("00000000-0000-4000-8000-00000000000b"));
        UUID othersGroup = other.createGroup(UUID.fromString("00000000-0000-4000-8000-00000000000c")).getGroupId();
        ctx = new Ctx(qmgr, admin, group, job, empty, othersGroup);
    }

    @AfterAll
    void stop() {
        fixture.close();
        savedProperties.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private void setProperty(String key, String value) {
        savedProperties.put(key, System.getProperty(key));
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badInputThrowsTheDocumentedExceptionAndChangesNothing(Case c) {
        String before = QueueSnapshot.of(ctx.admin());
        Throwable thrown = catchThrowable(() -> c.call().accept(ctx));
        assertThat(thrown).as("exception of %s", c.name()).isExactlyInstanceOf(c.type());
        QmgrException e = (QmgrException) thrown;
        assertThat(e.hresult()).as("HRESULT of %s: %s", c.name(), e).isEqualTo(c.hresult());
        assertThat(e.getMessage()).as("message of %s", c.name()).isNotBlank().doesNotContain("\n", "\r").hasSizeLessThan(700);
        assertThat(QueueSnapshot.of(ctx.admin())).as("queue after %s: %s", c.name(), e.getMessage()).isEqualTo(before);
    }

    @Test
    void oneHundredThousandFilesInOneAddFilesAreAcceptedQuickly() {
        BackgroundCopyGroup group = ctx.qmgr().createGroup(UUID.randomUUID());
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        List<FileSetInfo> batch = batch(100_000, allowed.resolve("many-accepted"));
        long start = System.nanoTime();
        job.addFiles(batch);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("{} {} ms (heap in use {} MB)", "addFiles(100,000) accepted in", took.toMillis(), heapMegabytes());
        try {
            assertThat(job.getFileCount()).isEqualTo(100_000);
            assertThat(job.getFile(99_999)).isEqualTo(batch.get(99_999));
            assertThat(took).as("time to add 100,000 files").isLessThan(Duration.ofSeconds(30));
        } finally {
            group.cancel();
        }
    }

    @Test
    void oneHundredThousandFilesWithTheLastOneBadAddNothing() {
        List<FileSetInfo> batch = new ArrayList<>(batch(100_000, allowed.resolve("many-bad")));
        batch.set(99_999, new FileSetInfo(ORIGIN + "last", allowed + "/escape/last"));
        String before = QueueSnapshot.of(ctx.admin());
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> ctx.job().addFiles(batch));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("{} {} ms (heap in use {} MB)", "addFiles(100,000, last escaping) refused in", took.toMillis(), heapMegabytes());
        assertThat(thrown).isExactlyInstanceOf(QmgrAccessDeniedException.class);
        assertThat(QueueSnapshot.of(ctx.admin())).isEqualTo(before);
        assertThat(took).as("time to refuse 100,000 files").isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void oneHundredThousandFilesOverALimitAreRefusedWhole() {
        try (EngineFixture limited = new EngineFixture(EngineFixture.settings().with("maxFilesPerJob", 200)
                .with("allowedLocalRoots", new String[] {allowed.toString()}).build())) {
            BackgroundCopyQMgr admin = limited.client("karaf", true);
            BackgroundCopyJob job = limited.client().createGroup(UUID.randomUUID()).createJob(UUID.randomUUID());
            job.addFile(ORIGIN + "first", allowed.resolve("limited-first").toString());
            String before = QueueSnapshot.of(admin);
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> job.addFiles(batch(100_000, allowed.resolve("many-limited"))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("{} {} ms (heap in use {} MB)", "addFiles(100,000) over maxFilesPerJob=200 refused in", took.toMillis(), heapMegabytes());
            assertThat(thrown).isExactlyInstanceOf(QmgrLimitExceededException.class)
                    .satisfies(e -> assertThat(((QmgrException) e).hresult()).isEqualTo(HResults.BG_E_TOO_MANY_FILES_IN_JOB));
            assertThat(QueueSnapshot.of(admin)).isEqualTo(before);
            assertThat(job.getFileCount()).isEqualTo(1);
            assertThat(took).as("time to refuse 100,000 files").isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void batchesAddedAtOnceNeverTakeAJobOverItsFileLimit() throws Exception {
        try (EngineFixture limited = new EngineFixture(EngineFixture.settings().with("maxFilesPerJob", 200)
                .with("allowedLocalRoots", new String[] {allowed.toString()}).build())) {
            BackgroundCopyJob job = limited.client().createGroup(UUID.randomUUID()).createJob(UUID.randomUUID());
            int threads = 8;
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                List<java.util.concurrent.Future<Boolean>> added = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    List<FileSetInfo> batch = batch(50, allowed.resolve("race" + t));
                    added.add(pool.submit(() -> {
                        go.await();
                        try {
                            job.addFiles(batch);
                            return true;
                        } catch (QmgrLimitExceededException e) {
                            return false;
                        }
                    }));
                }
                go.countDown();
                int accepted = 0;
                for (java.util.concurrent.Future<Boolean> f : added) {
                    accepted += f.get() ? 1 : 0;
                }
                assertThat(job.getFileCount()).isEqualTo(accepted * 50).isLessThanOrEqualTo(200);
                assertThat(accepted).isEqualTo(4);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static long heapMegabytes() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }

    private static List<FileSetInfo> batch(int n, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<FileSetInfo> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(new FileSetInfo(ORIGIN + "f" + i, dir.resolve("f" + i).toString()));
        }
        return batch;
    }

    static Stream<Arguments> catalogue() {
        List<Arguments> cases = new ArrayList<>();
        queueManager(cases);
        groupProperties(cases);
        groupMethods(cases);
        remoteUrls(cases);
        localPaths(cases);
        jobMethods(cases);
        return cases.stream();
    }

    // ---- BackgroundCopyQMgr ----------------------------------------------------------------------------

    private static void queueManager(List<Arguments> cases) {
        invalid(cases, "createGroup(null)", c -> c.qmgr().createGroup(null));
        invalid(cases, "createGroup(GUID_NULL)", c -> c.qmgr().createGroup(Guids.GUID_NULL));
        invalid(cases, "createGroup(own existing id)", c -> c.qmgr().createGroup(c.group().getGroupId()));
        invalid(cases, "createGroup(another user's id)", c -> c.qmgr().createGroup(c.othersGroup()));
        invalid(cases, "createGroup(an existing job's id is fine, a group's is not: admin)",
                c -> c.admin().createGroup(c.empty().getGroupId()));
        invalid(cases, "getGroup(null)", c -> c.qmgr().getGroup(null));
        invalid(cases, "getGroup(GUID_NULL)", c -> c.qmgr().getGroup(Guids.GUID_NULL));
        notFound(cases, "getGroup(unknown)", c -> c.qmgr().getGroup(UNKNOWN));
        notFound(cases, "getGroup(a job's id)", c -> c.qmgr().getGroup(c.job().getJobId()));
        denied(cases, "getGroup(another user's group)", c -> c.qmgr().getGroup(c.othersGroup()));
        invalid(cases, "getGroupInfo(null)", c -> c.qmgr().getGroupInfo(null));
        invalid(cases, "getGroupInfo(GUID_NULL)", c -> c.qmgr().getGroupInfo(Guids.GUID_NULL));
        notFound(cases, "getGroupInfo(unknown)", c -> c.qmgr().getGroupInfo(UNKNOWN));
        denied(cases, "getGroupInfo(another user's group)", c -> c.qmgr().getGroupInfo(c.othersGroup()));
        invalid(cases, "why(null)", c -> c.qmgr().why(null));
        invalid(cases, "why(GUID_NULL)", c -> c.qmgr().why(Guids.GUID_NULL));
        notFound(cases, "why(unknown)", c -> c.qmgr().why(UNKNOWN));
        denied(cases, "why(another user's group)", c -> c.qmgr().why(c.othersGroup()));
        notImpl(cases, "enumGroups(1)", c -> c.qmgr().enumGroups(1));
        notImpl(cases, "enumGroups(-1)", c -> c.qmgr().enumGroups(-1));
        invalid(cases, "enumGroups().next(-1)", c -> c.qmgr().enumGroups().next(-1));
        invalid(cases, "enumGroups().skip(-1)", c -> c.qmgr().enumGroups().skip(-1));
        invalid(cases, "enumJobs().next(-1)", c -> c.group().enumJobs().next(-1));
        invalid(cases, "enumJobs().skip(Integer.MIN_VALUE)", c -> c.group().enumJobs().skip(Integer.MIN_VALUE));
    }

    // ---- BackgroundCopyGroup properties -------------------------------------------------------------------

    private static void groupProperties(List<Arguments> cases) {
        invalid(cases, "getProp((GroupProp) null)", c -> c.group().getProp((GroupProp) null));
        invalid(cases, "setProp((GroupProp) null, I4 1)", c -> c.group().setProp((GroupProp) null, Variant.i4(1)));
        for (int raw : new int[] {-1, 13, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            notImpl(cases, "getProp(" + raw + ")", c -> c.group().getProp(raw));
            notImpl(cases, "setProp(" + raw + ", I4 1)", c -> c.group().setProp(raw, Variant.i4(1)));
        }
        for (GroupProp p : List.of(GroupProp.LOCALUSERID, GroupProp.LOCALUSERPWD)) {
            notImpl(cases, "getProp(" + p + ")", c -> c.group().getProp(p));
            notImpl(cases, "setProp(" + p + ", BSTR)", c -> c.group().setProp(p, Variant.bstr("x")));
        }
        for (GroupProp p : GroupProp.values()) {
            boolean local = p == GroupProp.LOCALUSERID || p == GroupProp.LOCALUSERPWD;
            if (local) {
                continue;
            }
            boolean text = List.of(GroupProp.NOTIFYCLSID, GroupProp.DISPLAYNAME, GroupProp.DESCRIPTION,
                    GroupProp.REMOTEUSERID, GroupProp.REMOTEUSERPWD).contains(p);
            invalid(cases, "setProp(" + p + ", null)", c -> c.group().setProp(p, null));
            invalid(cases, "setProp(" + p + ", EMPTY)", c -> c.group().setProp(p, Variant.empty()));
            invalid(cases, "setProp(" + p + ", VT_NULL)", c -> c.group().setProp(p, Variant.nullValue()));
            invalid(cases, "setProp(" + p + ", wrong type)",
                    c -> c.group().setProp(p, text ? Variant.i4(1) : Variant.bstr("1")));
        }
        invalid(cases, "PRIORITY 2", c -> c.group().setProp(GroupProp.PRIORITY, Variant.i4(2)));
        invalid(cases, "PRIORITY 0", c -> c.group().setProp(GroupProp.PRIORITY, Variant.i4(0)));
        invalid(cases, "PRIORITY -1", c -> c.group().setProp(GroupProp.PRIORITY, Variant.i4(-1)));
        invalid(cases, "setPriority(2)", c -> c.group().setPriority(2));
        invalid(cases, "PROTOCOLFLAGS 0", c -> c.group().setProp(GroupProp.PROTOCOLFLAGS, Variant.i4(0)));
        invalid(cases, "PROTOCOLFLAGS 5", c -> c.group().setProp(GroupProp.PROTOCOLFLAGS, Variant.i4(5)));
        invalid(cases, "PROTOCOLFLAGS -1", c -> c.group().setProp(GroupProp.PROTOCOLFLAGS, Variant.i4(-1)));
        notImpl(cases, "PROTOCOLFLAGS 3 (FTP, no transport)",
                c -> c.group().setProp(GroupProp.PROTOCOLFLAGS, Variant.i4(3)));
        invalid(cases, "setProtocol(null)", c -> c.group().setProtocol(null));
        invalid(cases, "NOTIFYFLAGS undefined bit", c -> c.group().setProp(GroupProp.NOTIFYFLAGS,
                Variant.i4(0x4000_0000)));
        invalid(cases, "setNotifyFlagsMask(-1)", c -> c.group().setNotifyFlagsMask(-1));
        invalid(cases, "setNotifyFlags(null)", c -> c.group().setNotifyFlags(null));
        for (String bad : List.of("not-a-guid", "{" + UNKNOWN + "", UNKNOWN + "\n", "{" + UNKNOWN + "}\u0000",
                "x".repeat(5000))) {
            invalid(cases, "NOTIFYCLSID " + show(bad), c -> c.group().setProp(GroupProp.NOTIFYCLSID, Variant.bstr(bad)));
        }
        cases.add(row("NOTIFYCLSID of no provider", c -> c.group().setNotifyClsid(UNKNOWN),
                QmgrClassNotRegisteredException.class, HResults.REGDB_E_CLASSNOTREG));
        invalid(cases, "DISPLAYNAME 257 characters",
                c -> c.group().setProp(GroupProp.DISPLAYNAME, Variant.bstr("n".repeat(257))));
        invalid(cases, "setDisplayName(257 characters)", c -> c.group().setDisplayName("n".repeat(257)));
        invalid(cases, "setDisplayName(100,000 characters)", c -> c.group().setDisplayName("n".repeat(100_000)));
        invalid(cases, "setDisplayName(null)", c -> c.group().setDisplayName(null));
        invalid(cases, "DESCRIPTION 1025 characters",
                c -> c.group().setProp(GroupProp.DESCRIPTION, Variant.bstr("d".repeat(1025))));
        invalid(cases, "setDescription(1025 characters)", c -> c.group().setDescription("d".repeat(1025)));
        invalid(cases, "setDescription(null)", c -> c.group().setDescription(null));
        invalid(cases, "REMOTEUSERID 1025 characters",
                c -> c.group().setProp(GroupProp.REMOTEUSERID, Variant.bstr("u".repeat(1025))));
        invalid(cases, "REMOTEUSERPWD 1025 characters",
                c -> c.group().setProp(GroupProp.REMOTEUSERPWD, Variant.bstr("p".repeat(1025))));
        for (String bad : List.of("us\ner", "us\rer", "us\u0000er", "us\u007fer", "us:er")) {
            invalid(cases, "REMOTEUSERID " + show(bad),
                    c -> c.group().setProp(GroupProp.REMOTEUSERID, Variant.bstr(bad)));
            invalid(cases, "setRemoteCredentials(" + show(bad) + ", pw)",
                    c -> c.group().setRemoteCredentials(bad, "pw"));
        }
        for (String bad : List.of("pw\r\nX-Injected: 1", "pw\u0000")) {
            invalid(cases, "setRemoteCredentials(user, " + show(bad) + ")",
                    c -> c.group().setRemoteCredentials("user", bad));
        }
        invalid(cases, "PROGRESSSIZE -1", c -> c.group().setProp(GroupProp.PROGRESSSIZE, Variant.i4(-1)));
        invalid(cases, "PROGRESSPERCENT 101", c -> c.group().setProp(GroupProp.PROGRESSPERCENT, Variant.i4(101)));
        invalid(cases, "PROGRESSPERCENT UI4 0xFFFFFFFF",
                c -> c.group().setProp(GroupProp.PROGRESSPERCENT, Variant.ui4(-1)));
        invalid(cases, "PROGRESSTIME -5", c -> c.group().setProp(GroupProp.PROGRESSTIME, Variant.i4(-5)));
        invalid(cases, "setBackgroundPriority(null)", c -> c.group().setBackgroundPriority(null));
    }

    // ---- BackgroundCopyGroup headers, verbs and jobs ---------------------------------------------------------

    private static void groupMethods(List<Arguments> cases) {
        invalid(cases, "setCustomHeaders(null)", c -> c.group().setCustomHeaders(null));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("X-A", null);
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "v");
        Map<String, String> tooMany = new LinkedHashMap<>();
        for (int i = 0; i < 65; i++) {
            tooMany.put("X-H" + i, "v");
        }
        Map<String, Map<String, String>> badHeaders = new LinkedHashMap<>();
        badHeaders.put("null value", nullValue);
        badHeaders.put("null name", nullName);
        badHeaders.put("empty name", Map.of("", "v"));
        badHeaders.put("name with space", Map.of("X A", "v"));
        badHeaders.put("name with colon", Map.of("X:A", "v"));
        badHeaders.put("name with \\n", Map.of("X\nA", "v"));
        badHeaders.put("value with CRLF injection", Map.of("X-A", "v\r\nHost: evil"));
        badHeaders.put("value with \\u0000", Map.of("X-A", "v\u0000"));
        badHeaders.put("value with \\u007f", Map.of("X-A", "v\u007f"));
        badHeaders.put("reserved Host", Map.of("Host", "evil"));
        badHeaders.put("reserved Content-Length", Map.of("content-length", "1"));
        badHeaders.put("duplicate name in another case", Map.of("X-A", "1", "x-a", "2"));
        badHeaders.put("65 headers", tooMany);
        badHeaders.put("value of 20,000 characters", Map.of("X-A", "v".repeat(20_000)));
        badHeaders.forEach((what, headers) -> cases.add(row("setCustomHeaders(" + what + ")",
                c -> c.group().setCustomHeaders(headers), QmgrInvalidHeaderException.class, HResults.E_INVALIDARG)));

        invalid(cases, "group getProgress(null)", c -> c.group().getProgress(null));
        invalid(cases, "group getProgressRaw(0)", c -> c.group().getProgressRaw(0));
        invalid(cases, "group getProgressRaw(4)", c -> c.group().getProgressRaw(4));
        invalid(cases, "group getProgressRaw(-1)", c -> c.group().getProgressRaw(-1));
        invalid(cases, "createJob(null)", c -> c.empty().createJob(null));
        invalid(cases, "createJob(GUID_NULL)", c -> c.empty().createJob(Guids.GUID_NULL));
        invalid(cases, "createJob(the group's own job id)", c -> c.group().createJob(c.job().getJobId()));
        invalid(cases, "createJob(a job id of another group)", c -> c.empty().createJob(c.job().getJobId()));
        invalid(cases, "getJob(null)", c -> c.group().getJob(null));
        invalid(cases, "getJob(GUID_NULL)", c -> c.group().getJob(Guids.GUID_NULL));
        notFound(cases, "getJob(unknown)", c -> c.group().getJob(UNKNOWN));
        notFound(cases, "getJob(a job of another group)", c -> c.empty().getJob(c.job().getJobId()));
        notImpl(cases, "enumJobs(1)", c -> c.group().enumJobs(1));
        invalid(cases, "queryNewJobInterface(null)", c -> c.group().queryNewJobInterface(null));
    }

    // ---- addFiles: remote names --------------------------------------------------------------------------

    private static void remoteUrls(List<Arguments> cases) {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("null", null);
        bad.put("empty", "");
        bad.put("2201 characters", ORIGIN + "u".repeat(2201 - ORIGIN.length()));
        bad.put("100,000 characters", ORIGIN + "u".repeat(100_000));
        bad.put("no scheme", "127.0.0.1/f");
        bad.put("path only", "/f");
        bad.put("scheme only", "http://");
        bad.put("scheme and colon", "http:");
        bad.put("no host", "http:///f");
        bad.put("space", "http://127.0.0.1/a b");
        bad.put("leading space", " http://127.0.0.1/f");
        bad.put("tab", "http://127.0.0.1/a\tb");
        bad.put("\\u0000", "http://127.0.0.1/a\u0000");
        bad.put("\\n", "http://127.0.0.1/a\nb");
        bad.put("\\r\\n header injection", "http://127.0.0.1/a\r\nHost: evil");
        bad.put("\\u007f", "http://127.0.0.1/a\u007f");
        bad.put("user info with control character", "http://us\u0001er:pw@127.0.0.1/f");
        bad.put("user info with \\n", "http://us\ner@127.0.0.1/f");
        bad.put("non-ASCII", "http://127.0.0.1/\u00e9");
        bad.put("ftp", "ftp://127.0.0.1/f");
        bad.put("file", "file:///etc/passwd");
        bad.put("jar", "jar:file:/x.jar!/a");
        bad.put("javascript", "javascript:alert(1)");
        bad.put("mailto", "mailto:a@b");
        bad.put("UNC", "\\\\server\\share\\f");
        bad.put("port out of range", "http://127.0.0.1:99999/f");
        bad.put("wildcard", "http://127.0.0.1/a*b");
        bad.put("broken IPv6", "http://[::1/f");
        bad.put("percent without digits", "http://127.0.0.1/%zz");
        bad.forEach((what, url) -> invalid(cases, "addFile remote " + what,
                c -> c.job().addFile(url, allowed.resolve("fresh").toString())));
    }

    // ---- addFiles: local names ----------------------------------------------------------------------------

    private static void localPaths(List<Arguments> cases) {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("null", null);
        bad.put("empty", "");
        bad.put("4097 characters", allowed + "/" + "p".repeat(4097 - allowed.toString().length()));
        bad.put("relative", "f");
        bad.put("relative ./", "./f");
        bad.put("relative ../", "../f");
        bad.put("home tilde", "~/f");
        bad.put("\\u0000", allowed + "/a\u0000b");
        bad.put("\\n", allowed + "/a\nb");
        bad.put("\\r", allowed + "/a\rb");
        bad.put("\\u007f", allowed + "/a\u007fb");
        bad.put("wildcard *", allowed + "/*");
        bad.put("wildcard ?", allowed + "/a?");
        bad.put("stream name", allowed + "/a:stream");
        bad.put("an existing directory", allowed.toString());
        bad.put("a directory by trailing ..", allowed + "/a/b/..");
        bad.put("root", "/");
        bad.put("twice in the batch", null);
        bad.put("already in the job", allowed.resolve("existing").toString());
        bad.put("already in the job, spelt with ./", allowed + "/./existing");
        bad.forEach((what, local) -> {
            if (what.equals("twice in the batch")) {
                invalid(cases, "addFiles local " + what, c -> c.job().addFiles(List.of(
                        new FileSetInfo(ORIGIN + "1", allowed.resolve("twice").toString()),
                        new FileSetInfo(ORIGIN + "2", allowed + "/a/../twice"))));
            } else {
                invalid(cases, "addFile local " + what, c -> c.job().addFile(ORIGIN + "f", local));
            }
        });
        cases.add(row("addFile local parent missing", c -> c.job().addFile(ORIGIN + "f", allowed + "/no/such/f"),
                QmgrPathNotFoundException.class, HResults.E_PATH_NOT_FOUND));
        Map<String, String> escapes = new LinkedHashMap<>();
        escapes.put(".. out of the allowed root", allowed + "/a/b/../../../outside/f");
        escapes.put("/a/b/../../etc/passwd style", allowed + "/a/b/../../../../../../../../etc/passwd");
        escapes.put("outside the allowed root", outside.resolve("f").toString());
        escapes.put("through a directory symlink", allowed + "/escape/f");
        escapes.put("through a directory symlink and ..", allowed + "/escapeSub/../f");
        escapes.put("onto a file symlink pointing outside", allowed.resolve("fileLink").toString());
        escapes.put("through a symlink into karaf etc", allowed + "/etcLink/x.cfg");
        for (String d : List.of("etc", "deploy", "system", "lib", "bin")) {
            escapes.put("into karaf.home " + d, karafHome.resolve(d).resolve("x.cfg").toString());
            escapes.put("into karaf.base " + d, karafBase.resolve(d).resolve("x.jar").toString());
        }
        escapes.put("into karaf etc by ..", karafHome + "/lib/../etc/evil.cfg");
        escapes.put("into a subdirectory of karaf system", null);
        escapes.forEach((what, local) -> cases.add(row("addFile local " + what, c -> {
            String path = local;
            if (path == null) {
                try {
                    path = Files.createDirectories(karafHome.resolve("system/org/x")).resolve("x.jar").toString();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            c.job().addFile(ORIGIN + "f", path);
        }, QmgrAccessDeniedException.class, HResults.E_ACCESSDENIED)));
        invalid(cases, "addFiles(null)", c -> c.job().addFiles(null));
        List<FileSetInfo> withNull = new ArrayList<>();
        withNull.add(new FileSetInfo(ORIGIN + "1", allowed.resolve("n1").toString()));
        withNull.add(null);
        invalid(cases, "addFiles([good, null])", c -> c.job().addFiles(withNull));
        invalid(cases, "addFiles([good, bad URL]) adds neither", c -> c.job().addFiles(List.of(
                new FileSetInfo(ORIGIN + "1", allowed.resolve("g1").toString()),
                new FileSetInfo("ftp://h/2", allowed.resolve("g2").toString()))));
        cases.add(row("addFiles([good, escaping]) adds neither", c -> c.job().addFiles(List.of(
                new FileSetInfo(ORIGIN + "1", allowed.resolve("g1").toString()),
                new FileSetInfo(ORIGIN + "2", allowed + "/escape/g2"))),
                QmgrAccessDeniedException.class, HResults.E_ACCESSDENIED));
        for (String sha : List.of("", "abc", "g".repeat(64), "a".repeat(65), "a".repeat(63) + "\n")) {
            invalid(cases, "addFile expected SHA-256 " + show(sha), c -> c.job().addFiles(List.of(
                    new FileSetInfo(ORIGIN + "s", allowed.resolve("sha").toString(), 0, sha))));
        }
    }

    // ---- BackgroundCopyJob --------------------------------------------------------------------------------

    private static void jobMethods(List<Arguments> cases) {
        invalid(cases, "job getProgress(null)", c -> c.job().getProgress(null));
        invalid(cases, "job getProgressRaw(0)", c -> c.job().getProgressRaw(0));
        invalid(cases, "job getProgressRaw(Integer.MAX_VALUE)", c -> c.job().getProgressRaw(Integer.MAX_VALUE));
        for (int index : new int[] {-1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            notFound(cases, "getFile(" + index + ")", c -> c.job().getFile(index));
            notFound(cases, "getFileInfo(" + index + ")", c -> c.job().getFileInfo(index));
        }
    }

    // ---- rows -----------------------------------------------------------------------------------------------

    private static Arguments row(String name, Consumer<Ctx> call, Class<? extends QmgrException> type, int hresult) {
        return Arguments.of(Named.of(name, new Case(name, call, type, hresult)));
    }

    private static void invalid(List<Arguments> cases, String name, Consumer<Ctx> call) {
        cases.add(row(name, call, QmgrInvalidArgumentException.class, HResults.E_INVALIDARG));
    }

    private static void notFound(List<Arguments> cases, String name, Consumer<Ctx> call) {
        cases.add(row(name, call, QmgrItemNotFoundException.class, HResults.QM_E_ITEM_NOT_FOUND));
    }

    private static void notImpl(List<Arguments> cases, String name, Consumer<Ctx> call) {
        cases.add(row(name, call, QmgrNotImplementedException.class, HResults.E_NOTIMPL));
    }

    private static void denied(List<Arguments> cases, String name, Consumer<Ctx> call) {
        cases.add(row(name, call, QmgrAccessDeniedException.class, HResults.E_ACCESSDENIED));
    }

    private static String show(String s) {
        String t = s.length() > 40 ? s.substring(0, 20) + "…(" + s.length() + ")" : s;
        return '"' + t.replace("\n", "\\n").replace("\r", "\\r").replace("\u0000", "\\u0000") + '"';
    }
}
