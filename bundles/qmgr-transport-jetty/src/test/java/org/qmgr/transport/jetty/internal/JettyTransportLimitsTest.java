package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;

/** The global cap on requests in progress and the per-origin connection cap, against gated origins. */
class JettyTransportLimitsTest {

    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final ExecutorService callers = Executors.newFixedThreadPool(4, r -> new Thread(r, "test-caller"));
    private TestOrigin a;
    private TestOrigin b;
    private JettyTransport transport;

    @BeforeEach
    void startOrigins() throws Exception {
        a = new TestOrigin().route("/gated", this::gated);
        b = new TestOrigin().route("/gated", this::gated);
    }

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        callers.shutdownNow();
        if (transport != null) {
            transport.deactivate();
        }
        a.close();
        b.close();
    }

    @Test
    void requestsBeyondTheGlobalCapWaitAndThenSucceed() throws Exception {
        transport = new JettyTransport(TestConfig.defaults().set("maxConcurrentRequests", 2));
        List<Future<Long>> downloads = new ArrayList<>();
        for (TestOrigin origin : List.of(a, b, a, b)) {
            downloads.add(callers.submit(() -> download(origin.url("/gated"))));
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> inProgress.get() == 2 && transport.limit().waiting() == 2);
        gate.countDown();

        for (Future<Long> download : downloads) {
            assertThat(download.get(10, TimeUnit.SECONDS)).isEqualTo(10L);
        }
        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(a.requests("/gated").size() + b.requests("/gated").size()).isEqualTo(4);
    }

    @Test
    void oneConnectionPerOriginQueuesTheSecondRequest() throws Exception {
        transport = new JettyTransport(TestConfig.defaults().set("maxConnectionsPerDestination", 1));
        AtomicInteger queued = new AtomicInteger();
        AtomicInteger begun = new AtomicInteger();
        transport.client().getRequestListeners().addListener(new Request.Listener() {
            @Override
            public void onQueued(Request request) {
                queued.incrementAndGet();
            }

            @Override
            public void onBegin(Request request) {
                begun.incrementAndGet();
            }
        });
        Future<Long> first = callers.submit(() -> download(a.url("/gated")));
        Future<Long> second = callers.submit(() -> download(a.url("/gated")));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> queued.get() == 2 && begun.get() == 1 && inProgress.get() == 1);
        gate.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(10L);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(10L);
        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(a.connections("/gated")).hasSize(2).as("both on the one connection").containsOnly(
                a.connections("/gated").get(0));
    }

    private long download(String url) throws Exception {
        long total = 0;
        try (TransportResponse response = transport.open(TransportRequest.of(url))) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            for (int n = response.read(buffer); n != -1; n = response.read(buffer.clear())) {
                total += n;
            }
        }
        return total;
    }

    private void gated(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response)
            throws Exception {
        mostAtOnce.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 10);
        } finally {
            inProgress.decrementAndGet();
        }
        Content.Sink.write(response, true, ByteBuffer.allocate(10));
    }
}
