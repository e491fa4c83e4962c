package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.JobStatus;
import org.qmgr.api.ProgressType;
import org.qmgr.api.Protocol;
import org.qmgr.api.QmgrException;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.qmgr.transport.file.internal.FileTransport;
import org.qmgr.transport.file.internal.FileTransportConfig;

/**
 * The real engine with the real file: transport (spec P8): an SMB group downloads a local source with the same
 * temp file, rename, digest and resume rules as HTTP. The transport is observed through a recorder that
 * delegates every call and can hold a body at a byte count, as the HTTP tests' origin gate does.
 */
class FileTransportEngineTest {

    private static final int SIZE = 5 * 1024 * 1024;
    private static final int E_INVALIDARG = 0x80070057;

    @TempDir
    Path dir;
    private Path sources;
    private Path downloads;
    private EngineFixture fixture;
    private Recorder transport;

    @BeforeEach
    void startEngine() throws Exception {
        sources = Files.createDirectory(dir.resolve("share"));
        downloads = Files.createDirectory(dir.resolve("downloads"));
        fixture = new EngineFixture();
        transport = new Recorder(new FileTransport(Configs.of(FileTransportConfig.class, Map.of())));
        fixture.engine.addTransport(transport, Map.of(Transport.SCHEMES, "file"));
    }

    @AfterEach
    void stopEngine() {
        fixture.close();
    }

    @Test
    void aFileUrlDownloadsByteIdenticallyWithItsSha256Recorded() throws Exception {
        byte[] body = TestContent.bytes(1, SIZE);
        Path source = Files.write(sources.resolve("big.bin"), body);
        Path target = downloads.resolve("big.bin");
        BackgroundCopyGroup group = smbGroup();
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFile(source.toUri().toString(), target.toString());

        group.resume();

        await().atMost(Duration.ofSeconds(30)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        assertThat(job.getFileInfo(0).sha256).isEqualTo(TestContent.sha256(body));
        assertThat(Files.getLastModifiedTime(target).toMillis())
                .isEqualTo(Files.getLastModifiedTime(source).toMillis());
        assertThat(transport.opens).singleElement().satisfies(o -> assertThat(o.request().offset()).isZero());
        assertThat(onlyFileIn(downloads)).isEqualTo(target);
    }

    @Test
    void aSuspendedTransferResumesFromItsCheckpointWithoutRereadingTheSource() throws Exception {
        byte[] body = TestContent.bytes(2, SIZE);
        Path source = Files.write(sources.resolve("resumed.bin"), body);
        Path target = downloads.resolve("resumed.bin");
        BackgroundCopyGroup group = smbGroup();
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFile(source.toUri().toString(), target.toString());
        long held = suspendAt(group, 2 * 1024 * 1024 + 12_345);

        group.resume();

        await().atMost(Duration.ofSeconds(30)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        assertThat(job.getFileInfo(0).sha256).isEqualTo(TestContent.sha256(body));
        assertThat(transport.opens).hasSize(2);
        Opened first = transport.opens.get(0);
        Opened resumed = transport.opens.get(1);
        assertThat(resumed.request().offset()).isEqualTo(held);
        assertThat(resumed.request().ifRange()).isEqualTo(first.info().etag());
        assertThat(resumed.info().status()).isEqualTo(206);
        assertThat(resumed.delivered().get()).isEqualTo(SIZE - held);
    }

    @Test
    void aSourceChangedWhileSuspendedRestartsFromZeroWithTheNewContent() throws Exception {
        Path source = Files.write(sources.resolve("changing.bin"), TestContent.bytes(3, SIZE));
        Path target = downloads.resolve("changing.bin");
        BackgroundCopyGroup group = smbGroup();
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFile(source.toUri().toString(), target.toString());
        long held = suspendAt(group, 3 * 1024 * 1024);
        byte[] changed = TestContent.bytes(4, SIZE);
        Files.write(source, changed);
        // Same size: only the time (set explicitly, whatever the file system's clock grain) tells the versions apart.
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));

        group.resume();

        await().atMost(Duration.ofSeconds(30)).until(() -> group.getStatus().raw() == 0x140);
        assertThat(Files.readAllBytes(target)).isEqualTo(changed);
        assertThat(job.getFileInfo(0).sha256).isEqualTo(TestContent.sha256(changed));
        Opened restarted = transport.opens.get(1);
        assertThat(restarted.request().offset()).isEqualTo(held);
        assertThat(restarted.info().status()).isEqualTo(200);
        assertThat(restarted.delivered().get()).isEqualTo(SIZE);
    }

    @Test
    void aMissingSourceIsAFatalNotFound() throws Exception {
        BackgroundCopyGroup group = smbGroup();
        BackgroundCopyJob job = group.createJob(UUID.randomUUID());
        job.addFile(sources.resolve("absent.bin").toUri().toString(), downloads.resolve("absent.bin").toString());

        group.resume();

        await().atMost(Duration.ofSeconds(10)).until(() -> group.getStatus().raw() == 0x380);
        JobStatus status = job.getStatus();
        assertThat(status.transportResult()).isEqualTo(404);
        assertThat(status.numOfRetries()).isZero();
    }

    /** P8: file: URLs belong to QM_PROTOCOL_SMB groups only; an SMB group takes no http URL. */
    @Test
    void C47_fileUrlsAreAcceptedOnlyByAnSmbGroup() throws Exception {
        Path source = Files.write(sources.resolve("p8.bin"), TestContent.bytes(5, 10));
        String url = source.toUri().toString();
        BackgroundCopyJob httpJob = fixture.client().createGroup(UUID.randomUUID()).createJob(UUID.randomUUID());
        BackgroundCopyJob smbJob = smbGroup().createJob(UUID.randomUUID());

        assertHresult(() -> httpJob.addFile(url, downloads.resolve("a").toString()), E_INVALIDARG);
        assertHresult(() -> smbJob.addFile("http://h/f", downloads.resolve("b").toString()), E_INVALIDARG);
        smbJob.addFile(url, downloads.resolve("c").toString());

        assertThat(httpJob.getFileCount()).isZero();
        assertThat(smbJob.getFile(0).remoteFile()).isEqualTo(url);
    }

    /** A suspended QM_PROTOCOL_SMB group (spec P8); setting it needs a bound file: transport. */
    private BackgroundCopyGroup smbGroup() {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.setProtocol(Protocol.SMB);
        return group;
    }

    /** Resumes the group, lets exactly {@code bytes} through, suspends it; returns the bytes it holds. */
    private long suspendAt(BackgroundCopyGroup group, long bytes) {
        transport.holdAt = bytes;
        group.resume();
        await().atMost(Duration.ofSeconds(30)).until(() -> group.getProgress(ProgressType.SIZE_DONE) == bytes);
        group.suspend();
        assertThat(group.getStatus().raw()).isEqualTo(0x180);
        transport.holdAt = Long.MAX_VALUE;
        long held = group.getProgress(ProgressType.SIZE_DONE);
        assertThat(held).isEqualTo(bytes);
        return held;
    }

    private static Path onlyFileIn(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.reduce((a, b) -> {
                throw new AssertionError("more than one file in " + directory + ": " + a + ", " + b);
            }).orElseThrow();
        }
    }

    private static void assertHresult(Runnable call, int hresult) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).isEqualTo(hresult));
    }

    /** One {@link Transport#open} seen by the recorder: what was asked, what was answered, bytes handed out. */
    record Opened(TransportRequest request, ResponseInfo info, AtomicLong delivered) {
    }

    /** Delegates to the real file transport, records each open, and can hold bodies at an entity offset. */
    static final class Recorder implements Transport {
        final List<Opened> opens = new CopyOnWriteArrayList<>();
        volatile long holdAt = Long.MAX_VALUE;
        private final Transport delegate;

        Recorder(Transport delegate) {
            this.delegate = delegate;
        }

        @Override
        public ResponseInfo probe(TransportRequest request) throws TransportException {
            return delegate.probe(request);
        }

        @Override
        public TransportResponse open(TransportRequest request) throws TransportException {
            TransportResponse response = delegate.open(request);
            Opened opened = new Opened(request, response.info(), new AtomicLong());
            opens.add(opened);
            return new Held(response, opened, this);
        }
    }

    /** A body that stops handing out bytes at {@link Recorder#holdAt} until it is aborted (a suspend). */
    private static final class Held implements TransportResponse {
        private final TransportResponse delegate;
        private final Opened opened;
        private final Recorder recorder;
        private final CountDownLatch ended = new CountDownLatch(1);

        Held(TransportResponse delegate, Opened opened, Recorder recorder) {
            this.delegate = delegate;
            this.opened = opened;
            this.recorder = recorder;
        }

        @Override
        public ResponseInfo info() {
            return delegate.info();
        }

        @Override
        public int read(ByteBuffer dst) throws TransportException {
            long at = opened.info().rangeStart() + opened.delivered().get();
            long allowed = recorder.holdAt - at;
            if (allowed <= 0) {
                awaitEnd();
                return delegate.read(dst);
            }
            int limit = dst.limit();
            dst.limit((int) Math.min(limit, dst.position() + allowed));
            try {
                int n = delegate.read(dst);
                opened.delivered().addAndGet(Math.max(0, n));
                return n;
            } finally {
                dst.limit(limit);
            }
        }

        private void awaitEnd() throws TransportException {
            try {
                if (!ended.await(30, TimeUnit.SECONDS)) {
                    throw new TransportException(TransportException.Kind.TIMEOUT, "held body never aborted", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void abort() {
            // Aborted before released: the released read must fail, not hand out more bytes.
            delegate.abort();
            ended.countDown();
        }

        @Override
        public void close() {
            delegate.close();
            ended.countDown();
        }
    }
}
