package org.qmgr.engine.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.Constants;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;
import org.qmgr.transport.jetty.internal.JettyTransport;
import org.qmgr.transport.jetty.internal.JettyTransportConfig;

/**
 * A real Jetty transport of its own (its own HttpClient) that records what the engine asks of it: the offset of
 * every GET, and how many calls (probe, open, read) reached it and are in progress now. Tells tests which
 * transport served which request, and whether an unbound transport was called again.
 */
final class RecordingTransport implements Transport, AutoCloseable {

    private final JettyTransport delegate =
            new JettyTransport(Configs.of(JettyTransportConfig.class, Map.of("readTimeoutSeconds", 10)));
    private final List<Long> opens = new CopyOnWriteArrayList<>();
    private final List<TransportRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger aborts = new AtomicInteger();

    /** @return service properties for http with the given ranking and service id */
    static Map<String, Object> http(int ranking, long serviceId) {
        return Map.of(Transport.SCHEMES, new String[] {"http"}, Constants.SERVICE_RANKING, ranking,
                Constants.SERVICE_ID, serviceId);
    }

    @Override
    public ResponseInfo probe(TransportRequest request) throws TransportException {
        begin(request);
        try {
            return delegate.probe(request);
        } finally {
            inProgress.decrementAndGet();
        }
    }

    @Override
    public TransportResponse open(TransportRequest request) throws TransportException {
        begin(request);
        opens.add(request.offset());
        try {
            return new Recorded(delegate.open(request));
        } finally {
            inProgress.decrementAndGet();
        }
    }

    /** @return the offsets of the GETs opened, in order */
    List<Long> opens() {
        return List.copyOf(opens);
    }

    /** @return every request made (probes and GETs), in order */
    List<TransportRequest> requests() {
        return List.copyOf(requests);
    }

    /** @return probes, opens and reads that reached this transport */
    int calls() {
        return calls.get();
    }

    /** @return calls still inside this transport */
    int inProgress() {
        return inProgress.get();
    }

    /** @return how often a response of this transport was aborted */
    int aborts() {
        return aborts.get();
    }

    /** Stops the Jetty client, as SCR deactivates a transport after unbinding it. */
    @Override
    public void close() {
        delegate.deactivate();
    }

    private void begin(TransportRequest request) {
        calls.incrementAndGet();
        inProgress.incrementAndGet();
        requests.add(request);
    }

    private final class Recorded implements TransportResponse {
        private final TransportResponse response;

        Recorded(TransportResponse response) {
            this.response = response;
        }

        @Override
        public ResponseInfo info() {
            return response.info();
        }

        @Override
        public int read(ByteBuffer dst) throws TransportException {
            calls.incrementAndGet();
            inProgress.incrementAndGet();
            try {
                return response.read(dst);
            } finally {
                inProgress.decrementAndGet();
            }
        }

        @Override
        public void abort() {
            aborts.incrementAndGet();
            response.abort();
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
