package org.qmgr.engine.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound transport service as transfers see it. Once {@link #retire retired} (its service was unbound) it
 * refuses new calls with {@code ABORTED}, aborts the responses still open and waits for the calls in progress
 * to return, so that the service is not called any more once its unbind has returned.
 */
final class TransportBinding implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TransportBinding.class);

    private final Transport service;
    private final String name;
    private final Object lock = new Object();
    /** Responses opened and not yet closed; guarded by {@link #lock}. */
    private final Set<Response> open = new HashSet<>();
    /** Calls into the service in progress (probe, open, read); guarded by {@link #lock}. */
    private int calls;
    private boolean retired;

    TransportBinding(Transport service, String name) {
        this.service = service;
        this.name = name;
    }

    /** @return the bound service */
    Transport service() {
        return service;
    }

    @Override
    public ResponseInfo probe(TransportRequest request) throws TransportException {
        enter(request.url());
        try {
            return service.probe(request);
        } finally {
            exit();
        }
    }

    @Override
    public TransportResponse open(TransportRequest request) throws TransportException {
        enter(request.url());
        Response response;
        try {
            response = new Response(service.open(request), request.url());
        } finally {
            exit();
        }
        synchronized (lock) {
            if (!retired) {
                open.add(response);
                return response;
            }
        }
        // Retired while the headers arrived: the engine never sees this response.
        response.delegate.close();
        throw aborted(request.url());
    }

    /**
     * Stops using the service: new calls fail with {@code ABORTED}, open responses are aborted, and this waits up
     * to {@code wait} for the calls in progress to return, then closes what is still open. Call it after the
     * transfers using this transport were asked to yield, so that they read the abort as a yield.
     */
    void retire(Duration wait) {
        List<Response> aborting;
        synchronized (lock) {
            retired = true;
            aborting = List.copyOf(open);
        }
        // Outside the lock: a transport's abort is foreign code.
        aborting.forEach(Response::abort);
        List<Response> closing;
        synchronized (lock) {
            long deadline = System.nanoTime() + wait.toNanos();
            long left = wait.toNanos();
            while (calls > 0 && left > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                left = deadline - System.nanoTime();
            }
            if (calls > 0) {
                LOG.warn("transport {} still has {} call(s) in progress {} ms after it was unbound", name, calls,
                        wait.toMillis());
            }
            closing = List.copyOf(open);
            open.clear();
        }
        closing.forEach(r -> r.delegate.close());
    }

    @Override
    public String toString() {
        return name;
    }

    private void enter(String url) throws TransportException {
        synchronized (lock) {
            if (retired) {
                throw aborted(url);
            }
            calls++;
        }
    }

    private void exit() {
        synchronized (lock) {
            if (--calls == 0) {
                lock.notifyAll();
            }
        }
    }

    private boolean isRetired() {
        synchronized (lock) {
            return retired;
        }
    }

    private TransportException aborted(String url) {
        return new TransportException(TransportException.Kind.ABORTED, "transport " + name
                + " was unbound; the transfer continues on another one (" + TransportException.withoutUserInfo(url)
                + ")", null);
    }

    /** A response of this binding: reads are counted as calls, and an aborted exchange always fails as ABORTED. */
    private final class Response implements TransportResponse {

        private final TransportResponse delegate;
        private final String url;
        private volatile boolean aborted;

        Response(TransportResponse delegate, String url) {
            this.delegate = delegate;
            this.url = url;
        }

        @Override
        public ResponseInfo info() {
            return delegate.info();
        }

        @Override
        public int read(ByteBuffer dst) throws TransportException {
            enter(url);
            try {
                return delegate.read(dst);
            } catch (TransportException e) {
                // An exchange cut by a yield or an unbind may fail in the transport's own words; it is an abort.
                if ((aborted || isRetired()) && e.kind() != TransportException.Kind.ABORTED) {
                    throw new TransportException(TransportException.Kind.ABORTED, e.getMessage(), e);
                }
                throw e;
            } finally {
                exit();
            }
        }

        @Override
        public void abort() {
            aborted = true;
            delegate.abort();
        }

        @Override
        public void close() {
            boolean mine;
            synchronized (lock) {
                mine = open.remove(this);
            }
            // Not open any more means retire() closed it, or will: the service is not called twice.
            if (mine) {
                delegate.close();
            }
        }
    }
}
