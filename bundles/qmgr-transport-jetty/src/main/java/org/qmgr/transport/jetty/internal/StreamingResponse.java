package org.qmgr.transport.jetty.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;

import org.eclipse.jetty.io.Content;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportResponse;

/**
 * The body of a final response, pulled by the engine.
 * <p>
 * Demand-driven reading: each {@link #read} copies from the one chunk Jetty handed out last, and only when
 * that chunk is used up does it release it and ask Jetty for the next ({@code Content.Source.read()}, then
 * {@code demand()} and a wait if nothing is ready). A read that already copied bytes goes on with the chunks
 * that are ready without waiting, until the destination is full, so a large destination costs one call. Jetty
 * reads the socket only under such a demand, so a slow engine (disk, rate limit) leaves bytes in the kernel's
 * socket buffers and TCP flow control slows the server; memory per transfer stays at one network buffer.
 * {@code InputStreamResponseListener} would give the same back-pressure behind a stream API, but the content
 * source lets us fail a blocked reader precisely on {@link #abort()} and classify the failure chunk.
 */
final class StreamingResponse implements TransportResponse {

    private final Hop hop;
    private final ResponseInfo info;
    private final String url;
    private final Runnable onClose;
    private Content.Chunk chunk;
    private long received;
    private boolean ended;
    private boolean closed;
    private volatile boolean aborted;

    /**
     * @param onClose run once by the first {@link #close()}, after the exchange was aborted if still open
     */
    StreamingResponse(Hop hop, ResponseInfo info, String url, Runnable onClose) {
        this.hop = hop;
        this.info = info;
        this.url = url;
        this.onClose = onClose;
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
        int copied = 0;
        while (true) {
            synchronized (this) {
                if (aborted || closed) {
                    throw aborted();
                }
                if (chunk != null && Content.Chunk.isFailure(chunk)) {
                    if (copied > 0) {
                        return copied; // the bytes before the failure first; the next read throws it
                    }
                    Throwable failure = chunk.getFailure();
                    chunk = null;
                    throw Failures.map(failure, url);
                }
                if (chunk != null) {
                    copied += copy(chunk.getByteBuffer(), dst);
                    if (!chunk.hasRemaining()) {
                        ended = chunk.isLast();
                        chunk.release();
                        chunk = null;
                    }
                }
                if (ended) {
                    return copied > 0 ? copied : end();
                }
                if (!dst.hasRemaining()) {
                    return copied;
                }
            }
            // With bytes in hand, only chunks ready now are added (one call, fewer and larger writes
            // downstream); a wait for the network happens only for a read that has nothing yet.
            Content.Chunk next = copied > 0 ? hop.readyChunk() : nextChunk();
            if (next == null) {
                return copied;
            }
            synchronized (this) {
                if (aborted || closed) {
                    next.release();
                    throw aborted();
                }
                chunk = next;
            }
        }
    }

    private Content.Chunk nextChunk() throws TransportException {
        Content.Chunk next;
        try {
            next = hop.nextChunk();
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
            throw aborted();
        }
        if (next == null || aborted) {
            throw aborted();
        }
        if (Content.Chunk.isFailure(next)) {
            throw Failures.map(next.getFailure(), url);
        }
        return next;
    }

    private int end() throws TransportException {
        if (info.contentLength() >= 0 && received < info.contentLength()) {
            throw Failures.of(Kind.CONNECTION_ABORTED,
                    "short body: " + received + " of " + info.contentLength() + " bytes from", url);
        }
        return -1;
    }

    private int copy(ByteBuffer src, ByteBuffer dst) {
        int n = Math.min(src.remaining(), dst.remaining());
        dst.put(src.slice(src.position(), n));
        src.position(src.position() + n);
        received += n;
        return n;
    }

    @Override
    public void abort() {
        aborted = true;
        boolean finished;
        synchronized (this) {
            finished = ended || closed;
        }
        if (!finished) {
            hop.abort(new CancellationException("transfer aborted"));
        }
    }

    @Override
    public void close() {
        boolean finished;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            finished = ended;
            if (chunk != null) {
                chunk.release();
                chunk = null;
            }
        }
        try {
            if (!finished) {
                hop.abort(new CancellationException("response closed before its end"));
            }
        } finally {
            onClose.run();
        }
    }

    private TransportException aborted() {
        return Failures.of(Kind.ABORTED, "transfer aborted", url);
    }
}
