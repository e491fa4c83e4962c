package org.qmgr.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.shell.internal.ProgressLineTest.group;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.qmgr.api.QmgrInvalidStateException;
import org.qmgr.api.QmgrInvalidStateException.Reason;
import org.qmgr.api.dto.GroupDTO;

class WatchTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private Watch watch(java.util.function.Function<UUID, GroupDTO> source) {
        return new Watch(source, new ProgressDisplay(out, true, () -> 0), Duration.ofMillis(1),
                () -> clock.addAndGet(1_000_000_000L));
    }

    @Test
    void returnsOnceEveryGroupIsFinalShowingRatesFromTheSamples() throws Exception {
        Deque<GroupDTO> script = new ArrayDeque<>(List.of(group("a", 0, 3000, "TRANSFERRING"),
                group("a", 1000, 3000, "TRANSFERRING"), group("a", 3000, 3000, "COMPLETE")));
        List<GroupDTO> last = watch(id -> script.poll()).until(List.of(UUID.randomUUID()),
                g -> Watch.FINAL.contains(g.state));

        assertThat(last).singleElement().satisfies(g -> assertThat(g.state).isEqualTo("COMPLETE"));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains(" 33%  1000 B / 2.9 KiB  1000 B/s  ETA 0:02  TRANSFERRING")
                .contains("100%  2.9 KiB / 2.9 KiB  1.5 KiB/s  ETA 0:00  COMPLETE").endsWith("\u001B[?25h");
    }

    @Test
    void aGroupThatCannotBeReadAnyMoreWasCancelled() throws Exception {
        Deque<GroupDTO> script = new ArrayDeque<>(List.of(group("a", 10, 3000, "TRANSFERRING")));
        List<GroupDTO> last = watch(id -> {
            GroupDTO g = script.poll();
            if (g == null) {
                throw new QmgrInvalidStateException(Reason.CANCELLED, "group is cancelled");
            }
            return g;
        }).until(List.of(UUID.randomUUID()), g -> Watch.FINAL.contains(g.state));
        assertThat(last.get(0).state).isEqualTo("CANCELLED");
        assertThat(last.get(0).bytesTransferred).isEqualTo(10);
    }

    @Test
    void anInterruptEndsTheWatchAndGivesTheCursorBack() throws Exception {
        CountDownLatch polled = new CountDownLatch(3);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                watch(id -> {
                    polled.countDown();
                    return group("a", 1, 3000, "TRANSFERRING");
                }).until(List.of(UUID.randomUUID()), g -> false);
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        t.start();
        assertThat(polled.await(10, TimeUnit.SECONDS)).isTrue();
        t.interrupt();
        t.join(10_000);

        assertThat(t.isAlive()).isFalse();
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\u001B[?25h");
    }

    @Test
    void anInterruptWhileReadingDrawsNoFurtherFrame() {
        AtomicLong reads = new AtomicLong();
        Watch watch = watch(id -> {
            if (reads.incrementAndGet() == 2) {
                Thread.currentThread().interrupt(); // Ctrl-C arrives while the engine is asked
            }
            return group("a", reads.get(), 3000, "TRANSFERRING");
        });

        assertThatThrownBy(() -> watch.until(List.of(UUID.randomUUID()), g -> false))
                .isInstanceOf(InterruptedException.class);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("1 B / 2.9 KiB").doesNotContain("2 B / 2.9 KiB").endsWith("\u001B[?25h");
    }
}
