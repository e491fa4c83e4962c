package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.qmgr.transport.jetty.internal.TestOrigin.Entity;

/** Network failures, abort, timeouts and back-pressure. */
class JettyTransportFailureTest {

    private static final int HEAD_START = 64 * 1024;
    /**
     * Larger than what the loopback's socket buffers can hold, 4 times over: Linux autotunes a receive buffer up
     * to {@code tcp_rmem}'s maximum (32 MiB here) plus the sender's, so only a body well beyond that shows
     * whether the reader, not the kernel, holds the server back.
     */
    private static final Entity BIG = new Entity(256L * 1024 * 1024, "\"big\"", Instant.parse("2024-01-01T00:00:00Z"));

    private static TestOrigin origin;
    private final ExecutorService readers = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-reader"));
    private JettyTransport transport;

    @BeforeAll
    static void startOrigin() throws Exception {
        origin = new TestOrigin();
    }

    @AfterAll
    static void stopOrigin() throws Exception {
        origin.close();
    }

    @AfterEach
    void deactivate() {
        readers.shutdownNow();
        if (transport != null) {
            transport.deactivate();
        }
    }

    @Test
    void refusedConnectionCannotConnect() throws Exception {
        transport = new JettyTransport(TestConfig.defaults());
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertKind(() -> transport.open(TransportRequest.of("http://127.0.0.1:" + port + "/x")), Kind.CANNOT_CONNECT);
    }

    @Test
    void unresolvableHostIsNameNotResolved() {
        transport = new JettyTransport(TestConfig.defaults());
        assertKind(() -> transport.probe(TransportRequest.of("http://nonexistent.invalid/")), Kind.NAME_NOT_RESOLVED);
    }

    /** A server that closes cleanly before the announced length: CONNECTION_ABORTED (a short body). */
    @Test
    void shortBodyIsConnectionAborted() throws Exception {
        transport = new JettyTransport(TestConfig.defaults());
        try (RawOrigin raw = new RawOrigin().serveShortBody(false)) {
            assertKind(() -> readAll(raw), Kind.CONNECTION_ABORTED);
        }
    }

    /**
     * A server that resets the connection mid-body (RST): CONNECTION_RESET, told apart from the clean close above
     * although Jetty's own end point reads a failed socket read as end-of-stream (see ResetReportingEndPoint).
     */
    @Test
    void resetMidBodyIsConnectionReset() throws Exception {
        transport = new JettyTransport(TestConfig.defaults());
        try (RawOrigin raw = new RawOrigin().serveShortBody(true)) {
            assertKind(() -> readAll(raw), Kind.CONNECTION_RESET);
        }
    }

    @Test
    void abortUnblocksAStalledReadAndStopsTheExchange() throws Exception {
        transport = new JettyTransport(TestConfig.defaults());
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Throwable> serverWrite = new CompletableFuture<>();
        origin.route("/stall-abort", stalling(release, serverWrite));
        try (TransportResponse response = transport.open(TransportRequest.of(origin.url("/stall-abort")))) {
            readExactly(response, HEAD_START);
            AtomicReference<Thread> reader = new AtomicReference<>();
            CompletableFuture<Integer> blockedRead = CompletableFuture.supplyAsync(() -> {
                reader.set(Thread.currentThread());
                return readOnce(response);
            }, readers);
            await().atMost(Duration.ofSeconds(5)).until(() -> parked(reader.get()));

            response.abort();

            assertThatThrownBy(() -> blockedRead.get(2, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.ABORTED));
        } finally {
            release.countDown();
        }
        assertThat(serverWrite.get(10, TimeUnit.SECONDS)).as("the server's next writes fail").isNotNull();
    }

    @Test
    void silentServerTimesOut() throws Exception {
        transport = new JettyTransport(TestConfig.defaults().readTimeout(1));
        CountDownLatch release = new CountDownLatch(1);
        origin.route("/stall-timeout", stalling(release, new CompletableFuture<>()));
        try (TransportResponse response = transport.open(TransportRequest.of(origin.url("/stall-timeout")))) {
            readExactly(response, HEAD_START);
            assertKind(() -> response.read(ByteBuffer.allocate(8192)), Kind.TIMEOUT);
        } finally {
            release.countDown();
        }
    }

    @Test
    void slowReaderHoldsTheServerBack() throws Exception {
        transport = new JettyTransport(TestConfig.defaults());
        AtomicLong written = new AtomicLong();
        AtomicReference<Thread> writer = new AtomicReference<>();
        TestOrigin.Route entity = TestOrigin.entity(BIG, written);
        origin.route("/big", (rq, rs) -> {
            writer.set(Thread.currentThread());
            entity.handle(rq, rs);
        });
        try (TransportResponse response = transport.open(TransportRequest.of(origin.url("/big")))) {
            long consumed = readExactly(response, 1024 * 1024);
            AtomicLong lastSeen = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(5)).until(() -> parked(writer.get())
                    && written.get() == lastSeen.getAndSet(written.get()));

            assertThat(consumed).isEqualTo(1024 * 1024);
            assertThat(written.get()).as("bytes the server managed to write").isLessThan(BIG.length() / 4);

            long rest = 0;
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (int n = response.read(buffer); n != -1; n = response.read(buffer.clear())) {
                rest += n;
            }
            assertThat(consumed + rest).isEqualTo(BIG.length());
        }
    }

    /**
     * A read with room for more than what arrived returns what is there (several network buffers' worth in one
     * call when they are ready) instead of waiting for the rest: the last byte is sent only after the reader has
     * every byte before it.
     */
    @Test
    void aLargeReadReturnsWhatIsReadyWithoutWaitingForMore() throws Exception {
        transport = new JettyTransport(TestConfig.defaults());
        int head = 100 * 1024;
        byte[] body = new byte[head + 1];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + i / 256);
        }
        CountDownLatch release = new CountDownLatch(1);
        origin.route("/partial", (request, response) -> {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            org.eclipse.jetty.io.Content.Sink.write(response, false, ByteBuffer.wrap(body, 0, 64 * 1024));
            org.eclipse.jetty.io.Content.Sink.write(response, false,
                    ByteBuffer.wrap(body, 64 * 1024, head - 64 * 1024));
            release.await(10, TimeUnit.SECONDS);
            org.eclipse.jetty.io.Content.Sink.write(response, true, ByteBuffer.wrap(body, head, 1));
        });
        try (TransportResponse response = transport.open(TransportRequest.of(origin.url("/partial")))) {
            ByteBuffer all = ByteBuffer.allocate(1024 * 1024);
            CompletableFuture<Void> gotHead = CompletableFuture.runAsync(() -> {
                while (all.position() < head) {
                    assertThat(readInto(response, all)).isPositive();
                }
            }, readers);
            gotHead.get(10, TimeUnit.SECONDS);
            assertThat(all.position()).isEqualTo(head);
            release.countDown();
            assertThat(response.read(all)).isEqualTo(1);
            assertThat(response.read(all)).isEqualTo(-1);
            assertThat(Arrays.copyOf(all.array(), all.position())).isEqualTo(body);
        } finally {
            release.countDown();
        }
    }

    private static int readInto(TransportResponse response, ByteBuffer buffer) {
        try {
            return response.read(buffer);
        } catch (TransportException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /** Sends the headers of a 10 MiB body and its first 64 KiB, then waits for {@code release}. */
    private static TestOrigin.Route stalling(CountDownLatch release, CompletableFuture<Throwable> serverWrite) {
        return (request, response) -> {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 10 * 1024 * 1024);
            org.eclipse.jetty.io.Content.Sink.write(response, false, ByteBuffer.allocate(HEAD_START));
            release.await(10, TimeUnit.SECONDS);
            try {
                for (int i = 1; i < 160; i++) {
                    org.eclipse.jetty.io.Content.Sink.write(response, i == 159, ByteBuffer.allocate(HEAD_START));
                }
                serverWrite.complete(null);
            } catch (Exception e) {
                serverWrite.complete(e);
                throw e;
            }
        };
    }

    private int readAll(RawOrigin raw) throws TransportException {
        try (TransportResponse response = transport.open(TransportRequest.of(raw.url()))) {
            readExactly(response, RawOrigin.SENT);
            raw.clientHasRead.countDown();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (response.read(buffer.clear()) != -1) {
                // drain until the failure
            }
            return -1;
        }
    }

    private static long readExactly(TransportResponse response, int bytes) throws TransportException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            assertThat(response.read(buffer)).isPositive();
        }
        return bytes;
    }

    private static int readOnce(TransportResponse response) {
        try {
            return response.read(ByteBuffer.allocate(8192));
        } catch (TransportException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private static boolean parked(Thread thread) {
        return thread != null
                && (thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
    }

    private static void assertKind(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).as(e.toString()).isEqualTo(kind));
    }
}
