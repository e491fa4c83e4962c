package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.GroupProp;
import org.qmgr.api.Variant;

/**
 * A caller whose thread is interrupted while it is inside the API, as Karaf interrupts a shell command on Ctrl-C,
 * with the queue on the embedded H2 file store the distribution runs. An interrupt during file I/O closes a JDK
 * {@code FileChannel}; the queue must neither lose a change it confirmed nor stay unusable afterwards.
 */
class InterruptedCallerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CALLS = 60;

    @TempDir
    Path dir;
    @TempDir
    Path storeDir;
    private TestOrigin origin;
    private EngineFixture fixture;

    @BeforeEach
    void start() throws Exception {
        origin = new TestOrigin();
        origin.put("/f", TestContent.bytes(3, 1000));
        fixture = new EngineFixture(EngineFixture.settings(Duration.ofSeconds(1), Duration.ofSeconds(5)),
                H2Database.embeddedStore(storeDir, "interrupted"));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        origin.close();
    }

    @Test
    void everyCallOfAnInterruptedCallerCommitsAndTheQueueStaysUsable() throws Exception {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(origin.url("/f"), dir.resolve("f").toString());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger interruptedOnReturn = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        Thread caller = new Thread(() -> {
            for (int i = 0; i < CALLS; i++) {
                try {
                    group.setProp(GroupProp.DISPLAYNAME, Variant.bstr("name " + i));
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
                if (Thread.interrupted()) { // an interrupt is never swallowed, only held back until the call is done
                    interruptedOnReturn.incrementAndGet();
                }
            }
            running.set(false);
        }, "interrupted-caller");
        caller.start();
        while (running.get()) {
            caller.interrupt();
            Thread.onSpinWait();
        }
        caller.join();

        assertThat(failures).as("no call fails for an interrupt").isEmpty();
        assertThat(interruptedOnReturn.get()).as("interrupts reached the caller").isPositive();
        group.resume();
        await().atMost(WAIT).until(() -> group.getStatus().isComplete());

        fixture.restart();

        BackgroundCopyGroup reloaded = fixture.client().getGroup(group.getGroupId());
        assertThat(reloaded.getProp(GroupProp.DISPLAYNAME).stringValue()).isEqualTo("name " + (CALLS - 1));
        assertThat(reloaded.getStatus().isComplete()).isTrue();
    }
}
