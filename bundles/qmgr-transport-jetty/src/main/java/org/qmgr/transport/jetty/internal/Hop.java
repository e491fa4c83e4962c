package org.qmgr.transport.jetty.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/**
 * One request on the wire: sends it, blocks the caller until the response headers arrive, then hands out the
 * body chunk by chunk from Jetty's demand-driven {@link Content.Source}.
 * <p>
 * Jetty calls {@code onContentSource} once the headers are parsed and reads the socket only when the source
 * is demanded, so nothing is buffered beyond the chunk being consumed. A waiting reader is woken by the demand
 * callback, by the end of the exchange ({@code onComplete}), or by {@link #abort}.
 * <p>
 * Each hop holds one slot of the {@link RequestLimit} from just before it is sent until its exchange ends
 * (body read, drained or aborted), so the global cap counts real exchanges, redirects and challenges included.
 */
final class Hop {

    /** Bodies of redirects and errors up to this size are drained so the connection can be reused. */
    private static final long DRAINABLE = 64 * 1024;

    private final Request request;
    private final RequestLimit limit;
    private final AtomicBoolean slotHeld = new AtomicBoolean();
    private final CompletableFuture<Response> headers = new CompletableFuture<>();
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean demandPending = new AtomicBoolean();
    private volatile Content.Source source;
    private volatile boolean aborted;

    private Hop(Request request, RequestLimit limit) {
        this.request = request;
        this.limit = limit;
    }

    /**
     * Waits for a slot of {@code limit}, sends {@code request} and waits for its response headers.
     *
     * @param request a request not yet sent
     * @param limit   the global cap on requests in progress
     * @param url     the URL for messages
     * @return the exchange, with headers
     * @throws TransportException when no response arrived, or {@code ABORTED} when the thread was interrupted
     */
    static Hop send(Request request, RequestLimit limit, String url) throws TransportException {
        Hop hop = new Hop(request, limit);
        try {
            limit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.of(Kind.ABORTED, "interrupted while waiting for a free request slot", url);
        }
        hop.slotHeld.set(true);
        try {
            // Two distinct listeners: one object that is both would be registered twice as a content source
            // listener, and Jetty's demultiplexer would then wait for a second demand that never comes.
            // Sending may prepare an https connection on this thread: see Clients.withBundleLoader.
            Clients.withBundleLoader(() -> request.onResponseContentSource(hop::onContentSource).send(hop::onComplete));
        } catch (RuntimeException e) {
            hop.releaseSlot();
            throw Failures.map(e, url);
        }
        try {
            hop.headers.get();
            return hop;
        } catch (InterruptedException e) {
            hop.abort(new InterruptedException("interrupted while waiting for the response"));
            Thread.currentThread().interrupt();
            throw Failures.of(Kind.ABORTED, "interrupted while waiting for the response", url);
        } catch (ExecutionException e) {
            throw Failures.map(e.getCause(), url);
        }
    }

    /** @return the response, with its status and headers */
    Response response() {
        return headers.join();
    }

    /**
     * Reads the next body chunk, waiting for the network when none is ready. The caller must release it.
     *
     * @return the chunk (possibly empty, the last one, or a failure), or {@code null} after {@link #abort}
     * @throws InterruptedException when the waiting thread is interrupted
     */
    Content.Chunk nextChunk() throws InterruptedException {
        while (!aborted) {
            Content.Chunk chunk = source.read();
            if (chunk != null) {
                return chunk;
            }
            // At most one demand may be outstanding; a wake-up without data just loops.
            if (demandPending.compareAndSet(false, true)) {
                source.demand(() -> {
                    demandPending.set(false);
                    wakeUp.release();
                });
            }
            wakeUp.acquire();
        }
        return null;
    }

    /**
     * The next body chunk if one is ready now, without waiting: reads what the socket already holds, never
     * registers a demand. The caller must release it.
     *
     * @return the chunk (possibly empty, the last one, or a failure), or {@code null} when none is ready or
     *         after {@link #abort}
     */
    Content.Chunk readyChunk() {
        return aborted ? null : source.read();
    }

    /** Aborts the exchange (closing its connection) and wakes a reader blocked in {@link #nextChunk}. */
    void abort(Throwable cause) {
        aborted = true;
        request.abort(cause);
        wakeUp.release();
    }

    /** Gives up on the body: a small or empty one is drained in the background, a large one aborted. */
    void discard() {
        long length;
        try {
            length = response().getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        } catch (NumberFormatException e) {
            length = -1;
        }
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (head || (length >= 0 && length <= DRAINABLE)) {
            Content.Source.consumeAll(source, Callback.NOOP);
        } else {
            abort(new CancellationException("body not needed"));
        }
    }

    private void onContentSource(Response response, Content.Source contentSource) {
        this.source = contentSource;
        headers.complete(response);
    }

    private void onComplete(Result result) {
        releaseSlot();
        if (result.isFailed()) {
            headers.completeExceptionally(result.getFailure());
        }
        wakeUp.release();
    }

    private void releaseSlot() {
        if (slotHeld.compareAndSet(true, false)) {
            limit.release();
        }
    }
}
