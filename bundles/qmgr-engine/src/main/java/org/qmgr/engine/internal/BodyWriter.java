package org.qmgr.engine.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

import org.qmgr.engine.internal.digest.DigestPipeline;
import org.qmgr.engine.internal.digest.FileSha256;

/**
 * The write path of one response body into its temp file: lends the buffers to read into, writes them at the
 * channel's position, has them hashed (on a thread of its own for a large body, see {@link DigestPipeline}),
 * and records checkpoints that only claim bytes forced to the device, with the digest's state after exactly
 * those bytes.
 * <p>
 * A due checkpoint ({@link #checkpoint}) is taken where the transfer stands, then forced and recorded by a
 * {@link CheckpointBehind} thread while the transfer goes on; one due while the previous is still running is
 * taken once that one is done, unless the transfer got too far ahead of it (the device is slower than the
 * network): then it waits. The transfer thus rarely waits for the device, the bytes left for the final
 * {@code fsync} are bounded, and what a checkpoint throws (a lost lease, an unavailable store) reaches the
 * transfer thread at its next write.
 * <p>
 * Used by the transfer thread only. The digest belongs to the writer until {@link #close}.
 */
final class BodyWriter implements AutoCloseable {

    /** Bytes held in the temp file, and the digest's encoded state after exactly those bytes. */
    record Checkpoint(long bytes, byte[] digestState) {
    }

    /** Reads of a body that is not capped: fewer, larger network reads, writes and hashing calls. */
    static final int READ_SIZE = 256 * 1024;
    /** A body at least this long is hashed on a thread of its own; below, a thread costs more than it saves. */
    static final long THREADED_MIN = 2L * 1024 * 1024;
    /**
     * Buffers that may be written and not yet hashed (up to 4 MiB, made as needed): the hashing thread shares
     * the cores with the transfer, the store and, in a fresh JVM, the JIT; with 4 the transfer waited for it a
     * sixth of the time.
     */
    private static final int THREADED_BUFFERS = 16;
    /**
     * How far the transfer may write past a checkpoint still being recorded before a due checkpoint waits for
     * it; closer, the due one is put off until that one is done. Forcing and storing compete with the transfer
     * for the device and the CPU, and waiting for each one cost a fifth of a fast download's time.
     */
    static final long MAX_AHEAD = 32L * 1024 * 1024;
    private static final int MIN_BUFFER = 16 * 1024;

    private final FileChannel channel;
    private final DigestPipeline digest;
    private final CheckpointBehind behind;
    private final Consumer<Checkpoint> recorder;
    private final long start;
    /** The latest checkpoint whose bytes are forced: recorded, or handed to the caller to record. */
    private volatile Checkpoint durable;
    /** The bytes the checkpoint started last claims. */
    private long started;

    private BodyWriter(FileChannel channel, DigestPipeline digest, CheckpointBehind behind,
                       Consumer<Checkpoint> recorder, Checkpoint held) {
        this.channel = channel;
        this.digest = digest;
        this.behind = behind;
        this.recorder = recorder;
        this.start = held.bytes();
        this.durable = held;
        this.started = held.bytes();
    }

    /**
     * @param channel   the temp file, positioned at {@code held}
     * @param sha256    the digest after exactly {@code held} bytes
     * @param held      the bytes held in the temp file, which the checkpoint recorded last holds
     * @param remaining how many bytes the body should have
     * @param label     names the writer's threads
     * @param recorder  stores a checkpoint (on the writer's thread); may throw to stop the transfer
     * @param wake      run on the writer's thread when recording a checkpoint failed, to end a wait of the
     *                  transfer for the network (e.g. abort the response), so it learns of the failure
     */
    static BodyWriter open(FileChannel channel, FileSha256 sha256, long held, long remaining, String label,
                           Consumer<Checkpoint> recorder, Runnable wake) {
        Checkpoint start = new Checkpoint(held, sha256.checkpoint());
        DigestPipeline digest = remaining >= THREADED_MIN
                ? DigestPipeline.threaded(sha256, READ_SIZE, THREADED_BUFFERS, "qmgr-digest-" + label)
                // Small bodies get a buffer no larger than they are: allocating is zeroing.
                : DigestPipeline.inline(sha256, (int) Math.max(MIN_BUFFER, Math.min(READ_SIZE, remaining)));
        return new BodyWriter(channel, digest, new CheckpointBehind("qmgr-checkpoint-" + label, wake), recorder,
                start);
    }

    /** @return an empty buffer to read into; may wait for the hashing to free one */
    ByteBuffer buffer() {
        return digest.buffer();
    }

    /**
     * Writes the buffer's bytes, from its position to its limit, at the channel's position, then passes the
     * buffer on to be hashed: the caller must not touch it afterwards.
     *
     * @throws IOException when writing failed, or a checkpoint failed to force the file
     */
    void write(ByteBuffer filled) throws IOException {
        // A checkpoint that failed (e.g. the lease moved) stops the transfer before another byte is written.
        behind.rethrow();
        int from = filled.position();
        while (filled.hasRemaining()) {
            channel.write(filled);
        }
        digest.submit(filled.position(from));
    }

    /** @return the bytes held: those held at the start plus those written since */
    long written() {
        return start + digest.submitted();
    }

    /**
     * @return the latest checkpoint whose bytes are on the device, once no checkpoint is being recorded any
     *         more (so that one recorded now is not overwritten by an older one)
     * @throws IOException when the checkpoint being recorded failed to force the file
     */
    Checkpoint durable() throws IOException {
        behind.await();
        return durable;
    }

    /**
     * A checkpoint is due: takes it at the byte written last and has it forced and recorded behind the
     * transfer. While the previous one is still being recorded, does not take it (the caller asks again at its
     * next write), unless the transfer got {@link #MAX_AHEAD} past that one: then waits for it.
     *
     * @return whether the checkpoint was taken (or there was nothing new to take)
     * @throws IOException when the previous checkpoint failed to force the file
     */
    boolean checkpoint() throws IOException {
        if (!behind.isIdle() && written() - started < MAX_AHEAD) {
            return false;
        }
        behind.await();
        if (written() <= durable.bytes()) {
            return true;
        }
        started = written();
        DigestPipeline.Mark mark = digest.mark();
        behind.start(() -> {
            channel.force(false);
            Checkpoint c = at(mark);
            recorder.accept(c);
            durable = c;
        });
        return true;
    }

    /**
     * Every byte written, hashed and forced to the device: for the checkpoint a transfer records (itself) when
     * it stops or fails. Waits for the checkpoint being recorded and for the device.
     *
     * @throws IOException when forcing failed
     */
    Checkpoint settle() throws IOException {
        behind.await();
        if (written() > durable.bytes()) {
            DigestPipeline.Mark mark = digest.mark();
            channel.force(false);
            durable = at(mark);
        }
        return durable;
    }

    /**
     * Every byte written and hashed, not necessarily on the device: for the end of the body, which the caller
     * forces as a whole.
     *
     * @throws IOException when the checkpoint being recorded failed to force the file
     */
    Checkpoint complete() throws IOException {
        behind.await();
        DigestPipeline.Mark mark = digest.mark();
        return at(mark);
    }

    /** @return the checkpoint at a mark: the pipeline counts the bytes since the start, the file from 0 */
    private Checkpoint at(DigestPipeline.Mark mark) {
        return new Checkpoint(start + mark.bytes(), mark.state());
    }

    /**
     * Waits for a checkpoint being recorded (what it throws is dropped: the transfer already ends) and ends
     * the writer's threads; the digest may be used by the caller again.
     */
    @Override
    public void close() {
        try {
            behind.close();
        } finally {
            digest.close();
        }
    }
}
