package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qmgr.engine.internal.digest.DigestStateException;
import org.qmgr.engine.internal.digest.FileSha256;
import org.qmgr.engine.internal.digest.PortableSha256;
import org.qmgr.engine.internal.digest.Sha256State;

/**
 * The write path of a body: the temp file gets exactly the bytes, and every checkpoint recorded claims bytes
 * already in the file with the digest's state after exactly those bytes, in order; what recording throws
 * reaches the transfer.
 */
class BodyWriterTest {

    @TempDir
    Path dir;

    /** Below and above the size from which a body is hashed on a thread of its own. */
    @ParameterizedTest
    @ValueSource(ints = {1_500_000, 5_000_000})
    void checkpointsClaimWrittenBytesWithTheirExactDigestState(int size) throws Exception {
        byte[] data = random(31, size);
        Path temp = dir.resolve("body.tmp");
        List<BodyWriter.Checkpoint> recorded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Consumer<BodyWriter.Checkpoint> recorder = c -> {
            // Runs on the checkpoint thread, after the force: the claimed bytes must be in the file.
            if (!Arrays.equals(readPrefix(temp, c.bytes()), Arrays.copyOf(data, (int) c.bytes()))) {
                problems.add("checkpoint at " + c.bytes() + " claims bytes not in the file");
            }
            synchronized (recorded) {
                recorded.add(c);
            }
        };
        SplittableRandom random = new SplittableRandom(32);
        BodyWriter.Checkpoint end;
        try (FileChannel channel = open(temp);
             BodyWriter out = BodyWriter.open(channel, FileSha256.resume(null, channel, 0, "t"), 0, size, "t",
                     recorder, () -> { })) {
            int at = 0;
            while (at < size) {
                ByteBuffer buffer = out.buffer();
                int n = Math.min(size - at, 1 + random.nextInt(buffer.remaining()));
                buffer.put(data, at, n).flip();
                out.write(buffer);
                at += n;
                assertThat(out.written()).isEqualTo(at);
                if (random.nextInt(4) == 0) {
                    out.checkpoint();
                }
            }
            assertThat(out.durable().bytes()).isLessThanOrEqualTo(size);
            end = out.complete();
        }
        assertThat(problems).isEmpty();
        assertThat(Files.readAllBytes(temp)).isEqualTo(data);
        assertThat(end.bytes()).isEqualTo(size);
        assertThat(state(end)).isEqualTo(stateAfter(data, size));
        assertThat(recorded).isNotEmpty();
        long previous = 0;
        for (BodyWriter.Checkpoint c : recorded) {
            assertThat(c.bytes()).as("checkpoints only move forward").isGreaterThan(previous);
            assertThat(state(c)).as("state at %d", c.bytes()).isEqualTo(stateAfter(data, (int) c.bytes()));
            previous = c.bytes();
        }
    }

    /** A body resumed at a checkpoint: settle() holds every byte written, with the state after all of them. */
    @Test
    void settleGivesTheStateAfterEveryByteAndResumesWhereTheFileStands() throws Exception {
        byte[] data = random(33, 3_000_000);
        int held = 1_000_003;
        Path temp = dir.resolve("resumed.tmp");
        Files.write(temp, Arrays.copyOf(data, held));
        List<BodyWriter.Checkpoint> recorded = new ArrayList<>();
        try (FileChannel channel = open(temp)) {
            channel.position(held);
            FileSha256 digest = FileSha256.resume(stateAfter(data, held).encode(), channel, held, "t");
            try (BodyWriter out = BodyWriter.open(channel, digest, held, data.length - held, "t", recorded::add,
                    () -> { })) {
                assertThat(out.durable().bytes()).isEqualTo(held);
                ByteBuffer buffer = out.buffer();
                buffer.put(data, held, 100_000).flip();
                out.write(buffer);
                out.checkpoint();
                buffer = out.buffer();
                buffer.put(data, held + 100_000, 33).flip();
                out.write(buffer);
                BodyWriter.Checkpoint settled = out.settle();
                assertThat(settled.bytes()).isEqualTo(held + 100_033L);
                assertThat(state(settled)).isEqualTo(stateAfter(data, held + 100_033));
                assertThat(out.durable()).isEqualTo(settled);
            }
        }
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).bytes()).isEqualTo(held + 100_000L);
        assertThat(Files.readAllBytes(temp)).isEqualTo(Arrays.copyOf(data, held + 100_033));
    }

    /**
     * A checkpoint that cannot be recorded (the lease moved, the store is down) stops the transfer: the wake
     * callback ends its wait for the network, and the next write or checkpoint throws why, writing nothing.
     */
    @Test
    void whatRecordingThrowsWakesAndStopsTheTransfer() throws Exception {
        Path temp = dir.resolve("refused.tmp");
        IllegalStateException refused = new IllegalStateException("lease moved");
        CountDownLatch woken = new CountDownLatch(1);
        try (FileChannel channel = open(temp);
             BodyWriter out = BodyWriter.open(channel, FileSha256.resume(null, channel, 0, "t"), 0, 10_000_000,
                     "t", c -> {
                         throw refused;
                     }, woken::countDown)) {
            ByteBuffer buffer = out.buffer();
            buffer.put(new byte[1000]).flip();
            out.write(buffer);
            out.checkpoint();
            assertThat(woken.await(10, TimeUnit.SECONDS)).as("the transfer is woken").isTrue();
            ByteBuffer next = out.buffer();
            next.put(new byte[500]).flip();
            assertThatThrownBy(() -> out.write(next)).isSameAs(refused);
            assertThat(channel.size()).as("nothing written after the failure").isEqualTo(1000);
        }
    }

    /**
     * A checkpoint due while the previous one is still being recorded is put off, until the transfer got
     * {@link BodyWriter#MAX_AHEAD} past that one: then it waits for it.
     */
    @Test
    void aCheckpointIsPutOffWhileThePreviousIsRecordedUntilTheTransferGotTooFarAhead() throws Exception {
        Path temp = dir.resolve("slow.tmp");
        List<BodyWriter.Checkpoint> recorded = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        Consumer<BodyWriter.Checkpoint> slowStore = c -> {
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            synchronized (recorded) {
                recorded.add(c);
            }
        };
        long total = BodyWriter.MAX_AHEAD + 1024 * 1024;
        try (FileChannel channel = open(temp);
             BodyWriter out = BodyWriter.open(channel, FileSha256.resume(null, channel, 0, "t"), 0, total, "t",
                     slowStore, () -> { })) {
            writeZeros(out, 1000);
            assertThat(out.checkpoint()).as("started at 1000, then held by the store").isTrue();
            writeZeros(out, 1000);
            assertThat(out.checkpoint()).as("put off: close behind the one being recorded").isFalse();
            writeZeros(out, BodyWriter.MAX_AHEAD);
            Thread waiter = new Thread(() -> {
                try {
                    // Too far ahead: waits for the first, then starts one at the end.
                    assertThat(out.checkpoint()).isTrue();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            waiter.start();
            while (waiter.getState() != Thread.State.WAITING) {
                Thread.onSpinWait(); // until it waits for the checkpoint being recorded
            }
            synchronized (recorded) {
                assertThat(recorded).isEmpty();
            }
            release.countDown();
            waiter.join();
            assertThat(out.durable().bytes()).isEqualTo(2000 + BodyWriter.MAX_AHEAD);
        }
        assertThat(recorded).extracting(BodyWriter.Checkpoint::bytes)
                .containsExactly(1000L, 2000 + BodyWriter.MAX_AHEAD);
    }

    private static void writeZeros(BodyWriter out, long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            ByteBuffer buffer = out.buffer();
            int n = (int) Math.min(left, buffer.remaining());
            buffer.put(new byte[n]).flip();
            out.write(buffer);
            left -= n;
        }
    }

    @Test
    void aCheckpointWithNothingNewRecordsNothing() throws Exception {
        Path temp = dir.resolve("idle.tmp");
        List<BodyWriter.Checkpoint> recorded = new ArrayList<>();
        try (FileChannel channel = open(temp);
             BodyWriter out = BodyWriter.open(channel, FileSha256.resume(null, channel, 0, "t"), 0, 100, "t",
                     recorded::add, () -> { })) {
            out.checkpoint();
            assertThat(out.settle().bytes()).isZero();
        }
        assertThat(recorded).isEmpty();
    }

    private static FileChannel open(Path temp) throws IOException {
        return FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static byte[] readPrefix(Path file, long bytes) {
        try {
            return Arrays.copyOf(Files.readAllBytes(file), (int) bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sha256State state(BodyWriter.Checkpoint c) throws DigestStateException {
        return Sha256State.decode(c.digestState());
    }

    private static Sha256State stateAfter(byte[] data, int bytes) {
        PortableSha256 digest = new PortableSha256();
        digest.update(data, 0, bytes);
        return digest.exportState();
    }

    private static byte[] random(long seed, int length) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }
}
