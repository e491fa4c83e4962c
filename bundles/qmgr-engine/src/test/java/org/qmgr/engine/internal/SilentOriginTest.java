package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.api.BackgroundCopyGroup;

/**
 * A server that accepts connections and never answers: suspend and cancel must not wait for the read
 * timeout, nor for the engine's stop deadline, even though no response exists yet to abort.
 */
class SilentOriginTest {

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final CountDownLatch accepted = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                    accepted.countDown();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-origin");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        fixture.close();
        silent.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void suspendWhileWaitingForResponseHeadersReturnsPromptly() throws Exception {
        BackgroundCopyGroup group = groupOnSilentOrigin();
        group.resume();
        assertThat(accepted.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        group.suspend();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(group.getStatus().raw()).isEqualTo(0x180);
    }

    @Test
    void cancelWhileWaitingForResponseHeadersReturnsPromptly() throws Exception {
        BackgroundCopyGroup group = groupOnSilentOrigin();
        group.resume();
        assertThat(accepted.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        group.cancel();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(fixture.client().enumGroups().getCount()).isZero();
    }

    private BackgroundCopyGroup groupOnSilentOrigin() {
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile("http://127.0.0.1:" + silent.getLocalPort() + "/never",
                dir.resolve("never.bin").toString());
        return group;
    }
}
