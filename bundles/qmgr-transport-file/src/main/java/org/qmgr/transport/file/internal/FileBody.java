package org.qmgr.transport.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a source file from an offset, pulled by the engine: positional {@link FileChannel} reads of at
 * most one buffer per call, so memory per transfer stays at one buffer whatever the file size.
 * <p>
 * The last bytes are handed out only after the file proved unchanged since it was located: a source
 * rewritten during the transfer fails as a transient short read instead of committing a mix of two versions,
 * and the retry's {@code If-Range} then restarts the file.
 */
final class FileBody implements TransportResponse {

    private static final Logger LOG = LoggerFactory.getLogger(FileBody.class);

    private final SourceFile source;
    private final FileChannel channel;
    private final ResponseInfo info;
    private final int bufferSize;
    private final long end;
    private ByteBuffer buffer;
    private long position;
    private boolean verified;
    /** Set by {@link #abort()} and {@link #close()} from any thread; the channel close wakes a blocked read. */
    private volatile boolean aborted;

    FileBody(SourceFile source, FileChannel channel, ResponseInfo info, int bufferSize) {
        this.source = source;
        this.channel = channel;
        this.info = info;
        this.bufferSize = bufferSize;
        this.position = info.rangeStart();
        this.end = info.rangeStart() + info.contentLength();
    }

    @Override
    public ResponseInfo info() {
        return info;
    }

    @Override
    public int read(ByteBuffer dst) throws TransportException {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("no space in the destination buffer");
        }
        if (aborted) {
            throw Failures.aborted(source.url());
        }
        if (position >= end) {
            if (!verified) {
                verifyUnchanged();
            }
            return -1;
        }
        // A direct destination is filled in place; a heap one through our direct buffer (allocated on first
        // use), since the JDK would otherwise copy through a cached temporary direct buffer of any size.
        int want = (int) Math.min(Math.min(bufferSize, dst.remaining()), end - position);
        ByteBuffer target = dst.isDirect() ? dst.slice(dst.position(), want) : buffer().clear().limit(want);
        int n = readAt(target);
        if (position + n >= end) {
            verifyUnchanged();
        }
        if (dst.isDirect()) {
            dst.position(dst.position() + n);
        } else {
            dst.put(target.flip());
        }
        position += n;
        return n;
    }

    private int readAt(ByteBuffer target) throws TransportException {
        int n;
        try {
            do {
                n = channel.read(target, position);
            } while (n == 0 && !aborted);
        } catch (ClosedByInterruptException e) {
            // The JDK closed the channel and left the interrupt flag set for the engine to see.
            aborted = true;
            throw Failures.aborted(source.url());
        } catch (ClosedChannelException e) {
            // Closed by abort() or close(), also while this read was blocked (AsynchronousCloseException).
            throw Failures.aborted(source.url());
        } catch (IOException e) {
            throw Failures.ioError("read error at byte " + position + " of " + source.path() + " (" + e + ")",
                    source.url(), e);
        }
        if (aborted) {
            throw Failures.aborted(source.url());
        }
        if (n < 0) {
            throw Failures.changed("source shrank while it was read: end of file at byte " + position + " of "
                    + end, source.url());
        }
        return n;
    }

    private void verifyUnchanged() throws TransportException {
        if (!source.unchanged()) {
            throw Failures.changed("source changed while it was read", source.url());
        }
        verified = true;
    }

    private ByteBuffer buffer() {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(bufferSize);
        }
        return buffer;
    }

    @Override
    public void abort() {
        aborted = true;
        closeChannel();
    }

    @Override
    public void close() {
        aborted = true;
        closeChannel();
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", source.path(), e);
        }
    }
}
