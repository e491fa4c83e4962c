package org.qmgr.transport.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.transport.file.internal.FileTransportTest.assertKind;
import static org.qmgr.transport.file.internal.FileTransportTest.content;
import static org.qmgr.transport.file.internal.FileTransportTest.url;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;

/** A body being read: abort, interrupt and close, and a source that shrinks or changes under the read. */
class FileBodyTest {

    private static final int SIZE = 256 * 1024;

    @TempDir
    Path dir;

    private final FileTransport transport = new FileTransport(TestConfig.defaults().buffer(4096), false);

    @Test
    void abortFromAnotherThreadClosesTheFileAndFailsTheNextRead() throws Exception {
        Path file = Files.write(dir.resolve("a"), content(1, SIZE));
        SourceFile source = SourceFile.locate(url(file), SourceRoots.of(new String[0], p -> null), false);
        FileChannel channel = source.open();
        ResponseInfo info = new ResponseInfo(200, SIZE, 0, SIZE, source.validator().etag(), null, true);
        FileBody body = new FileBody(source, channel, info, 4096);
        assertThat(body.read(ByteBuffer.allocate(100))).isEqualTo(100);

        CompletableFuture.runAsync(body::abort).join();

        // Closing the channel is what wakes a read blocked in the kernel (a hung share): the JDK signals it.
        assertThat(channel.isOpen()).isFalse();
        assertKind(() -> body.read(ByteBuffer.allocate(100)), Kind.ABORTED);
    }

    @Test
    void anInterruptedReaderIsAbortedAndKeepsItsInterruptFlag() throws Exception {
        Path file = Files.write(dir.resolve("b"), content(2, SIZE));
        try (TransportResponse response = transport.open(TransportRequest.of(url(file)))) {
            Thread.currentThread().interrupt();
            try {
                assertKind(() -> response.read(ByteBuffer.allocate(100)), Kind.ABORTED);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertKind(() -> response.read(ByteBuffer.allocate(100)), Kind.ABORTED);
        }
    }

    @Test
    void closeEndsTheBodyAndMayBeRepeated() throws Exception {
        Path file = Files.write(dir.resolve("c"), content(3, SIZE));
        TransportResponse response = transport.open(TransportRequest.of(url(file)));

        response.close();
        response.close();

        assertKind(() -> response.read(ByteBuffer.allocate(100)), Kind.ABORTED);
    }

    @Test
    void aFullDestinationIsAnArgumentError() throws Exception {
        Path file = Files.write(dir.resolve("d"), content(4, 10));
        try (TransportResponse response = transport.open(TransportRequest.of(url(file)))) {
            ByteBuffer full = ByteBuffer.allocate(4).position(4);

            assertThatThrownBy(() -> response.read(full))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSourceThatShrinksUnderTheReadIsATransientShortBody() throws Exception {
        Path file = Files.write(dir.resolve("e"), content(5, SIZE));
        try (TransportResponse response = transport.open(TransportRequest.of(url(file)))) {
            assertThat(response.read(ByteBuffer.allocate(4096))).isEqualTo(4096);
            try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                writer.truncate(SIZE / 2);
            }

            long delivered = 4096 + drainUntilFailure(response, Kind.CONNECTION_ABORTED);

            assertThat(delivered).isEqualTo(SIZE / 2);
        }
    }

    @Test
    void theLastBytesOfASourceChangedUnderTheReadAreWithheld() throws Exception {
        Path file = Files.write(dir.resolve("f"), content(6, SIZE));
        try (TransportResponse response = transport.open(TransportRequest.of(url(file)))) {
            assertThat(response.read(ByteBuffer.allocate(4096))).isEqualTo(4096);
            Files.write(file, content(7, SIZE));
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));

            long delivered = 4096 + drainUntilFailure(response, Kind.CONNECTION_ABORTED);

            // Everything but the last buffer: the engine never holds the whole (torn) file, so it asks again.
            assertThat(delivered).isEqualTo(SIZE - 4096);
        }
    }

    /** Reads until a failure of the given kind; returns the bytes delivered before it. */
    private static long drainUntilFailure(TransportResponse response, Kind kind) {
        long[] delivered = {0};
        assertKind(() -> {
            int n;
            while ((n = response.read(ByteBuffer.allocate(4096))) >= 0) {
                delivered[0] += n;
            }
            return n;
        }, kind);
        return delivered[0];
    }
}
