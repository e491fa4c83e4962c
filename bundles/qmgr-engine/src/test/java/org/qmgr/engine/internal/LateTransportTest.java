package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.ProgressType;
import org.qmgr.spi.transport.Transport;
import org.qmgr.transport.jetty.internal.JettyTransport;
import org.qmgr.transport.jetty.internal.JettyTransportConfig;

/**
 * A restart where the engine loads its queue before any transport is bound, as when Karaf starts the engine
 * bundle before the transport bundle: the interrupted group waits in QUEUED and resumes with a Range request as
 * soon as the transport arrives, instead of failing into the (here ten-minute) retry delay.
 */
class LateTransportTest extends EngineTestSupport {

    @Test
    void aGroupLoadedBeforeItsTransportIsBoundResumesWhenTheTransportArrives() throws Exception {
        EngineSettings settings = EngineFixture.settings(Duration.ofMinutes(10), Duration.ofMinutes(20));
        useSettings(settings);
        byte[] body = TestContent.bytes(1300, 8 * TestOrigin.CHUNK);
        TestOrigin.Resource r = origin.put("/f", body);
        r.gate = new Semaphore(2);
        UUID id = UUID.randomUUID();
        BackgroundCopyGroup group = fixture.client().createGroup(id);
        group.createJob(UUID.randomUUID()).addFile(origin.url("/f"), dir.resolve("f").toString());
        group.resume();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.getProgress(ProgressType.SIZE_DONE) == 2L * TestOrigin.CHUNK);
        int logged = origin.log().size();

        fixture.engine.deactivate();
        QueueEngine late = new QueueEngine(settings, fixture.store, MonotonicClock.SYSTEM);
        fixture.engine = late; // closed after the test like the fixture's own engine
        BackgroundCopyQMgr qmgr = new QMgrFacade(late, new CallerContext(() -> new Caller("bundle:test", false),
                clsid -> false));
        BackgroundCopyGroup again = qmgr.getGroup(id);
        // the scheduler re-checks every second; a start without a transport would turn the group RETRY_WAIT
        await("the group stays QUEUED while no transport is bound").during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> again.getInfo().state.equals("QUEUED"));

        JettyTransport transport = new JettyTransport(Configs.of(JettyTransportConfig.class, Map.of()));
        try {
            late.addTransport(transport, Map.of(Transport.SCHEMES, new String[] {"http", "https"}));
            r.gate.release(1000);

            await().atMost(Duration.ofSeconds(10)).until(() -> again.getStatus().isComplete());
            assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(body);
            List<TestOrigin.Logged> gets = origin.log().subList(logged, origin.log().size()).stream()
                    .filter(l -> l.method().equals("GET")).toList();
            assertThat(gets).first().extracting(TestOrigin.Logged::range)
                    .isEqualTo("bytes=" + 2L * TestOrigin.CHUNK + "-");
        } finally {
            late.deactivate();
            transport.deactivate();
        }
    }
}
