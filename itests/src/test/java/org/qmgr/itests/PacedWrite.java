package org.qmgr.itests;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Writes a range of a {@link GeneratedBody} to a Jetty response at a fixed average rate: each chunk is written
 * no earlier than its due time, and the wait is a timer on Jetty's scheduler, so no thread sleeps.
 */
final class PacedWrite extends IteratingCallback {

    private static final int CHUNK = 64 * 1024;

    private final Response response;
    private final GeneratedBody body;
    private final long end;
    private final long first;
    private final long bytesPerSecond;
    private final Scheduler scheduler;
    private final Callback completion;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private final long startNanos = System.nanoTime();
    private long position;
    private boolean waited;

    PacedWrite(Response response, GeneratedBody body, long first, long length, long bytesPerSecond,
               Scheduler scheduler, Callback completion) {
        this.response = response;
        this.body = body;
        this.first = first;
        this.position = first;
        this.end = first + length;
        this.bytesPerSecond = bytesPerSecond;
        this.scheduler = scheduler;
        this.completion = completion;
    }

    @Override
    protected Action process() {
        if (position == end) {
            return Action.SUCCEEDED;
        }
        long dueNanos = startNanos + (position - first) * 1_000_000_000L / bytesPerSecond;
        long early = dueNanos - System.nanoTime();
        if (early > 0 && !waited) {
            // the timer's succeeded() brings us back here; the chunk then goes out even if the timer fired early
            waited = true;
            scheduler.schedule(this::succeeded, early, TimeUnit.NANOSECONDS);
            return Action.SCHEDULED;
        }
        waited = false;
        int n = (int) Math.min(CHUNK, end - position);
        buffer.clear().limit(n);
        body.fill(buffer, position);
        position += n;
        response.write(position == end, buffer.flip(), this);
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
        completion.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        // typically the client went away (a killed JVM resets the connection)
        completion.failed(cause);
    }
}
