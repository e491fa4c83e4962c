package org.qmgr.engine.internal.digest;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.IntFunction;

import org.qmgr.engine.internal.Threads;

/**
 * Feeds a {@link FileSha256} with the buffers a transfer wrote, in order, either on the caller's thread
 * ({@link #inline}) or on a thread of its own ({@link #threaded}), so that hashing a large file overlaps its
 * network reads and disk writes instead of adding to them.
 * <p>
 * The threaded pipeline lends the caller buffers, up to a fixed number, made as the hashing falls behind: the
 * caller fills one ({@link #buffer}), writes it, and hands it over ({@link #submit}); the hashing thread gives
 * it back once hashed. No byte is copied between the threads, and a caller that runs ahead of the hashing by
 * all the buffers waits for a free one, so the memory held is bounded. A {@link Mark} asks for the digest's state after exactly the bytes submitted before
 * it, taken by the hashing thread when it gets there, so the caller need not wait for it.
 * <p>
 * One thread at a time calls {@link #buffer}, {@link #submit}, {@link #mark}, {@link #drain} and
 * {@link #close}. The digest belongs to the pipeline until {@link #close} returns.
 */
public final class DigestPipeline implements AutoCloseable {

    /** The digest's state after the bytes submitted before it was asked for, once the hashing got there. */
    public static final class Mark {
        private final long bytes;
        private byte[] state;
        private boolean done;

        private Mark(long bytes) {
            this.bytes = bytes;
        }

        /** @return how many bytes the pipeline had been handed when the mark was asked for */
        public long bytes() {
            return bytes;
        }

        /** @return whether {@link #state()} is known */
        public synchronized boolean isDone() {
            return done;
        }

        /**
         * @return the encoded state after exactly {@link #bytes()} bytes, or {@code null} when the digest
         *         cannot export it; waits for the hashing to get there
         * @throws IllegalStateException when the hashing failed or was closed before it got there
         */
        public synchronized byte[] state() {
            boolean interrupted = false;
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // Hashing always gets there (or fails) by itself: wait on, and pass the interrupt on.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (state == FAILED) {
                throw new IllegalStateException("the digest stopped before byte " + bytes);
            }
            return state;
        }

        private synchronized void complete(byte[] value) {
            state = value;
            done = true;
            notifyAll();
        }
    }

    private static final byte[] FAILED = new byte[0];

    private final FileSha256 digest;
    /** Makes a buffer when none is free and fewer than {@link #capacity} exist: a short body needs few. */
    private final IntFunction<ByteBuffer> allocator;
    private final int bufferSize;
    private final int capacity;
    private int allocated;
    private final Object lock = new Object();
    /** Guarded by lock: submitted buffers and marks, oldest first; the head is being worked on. */
    private final ArrayDeque<Object> work = new ArrayDeque<>();
    /** Guarded by lock: buffers the caller may fill. */
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final Thread thread;
    /** Guarded by lock. */
    private boolean closed;
    /** Guarded by lock: why the hashing thread stopped early. */
    private RuntimeException failure;
    private long submitted;

    private DigestPipeline(FileSha256 digest, IntFunction<ByteBuffer> allocator, int bufferSize, int capacity,
                           String threadName) {
        this.digest = digest;
        this.allocator = allocator;
        this.bufferSize = bufferSize;
        this.capacity = capacity;
        if (threadName == null) {
            thread = null;
        } else {
            thread = new Thread(this::hashLoop, threadName);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * A pipeline that hashes each buffer on the caller's thread, as it is submitted: for small bodies, where
     * a thread would cost more than it saves.
     *
     * @param bufferSize the size of its one heap buffer
     */
    public static DigestPipeline inline(FileSha256 digest, int bufferSize) {
        return new DigestPipeline(digest, ByteBuffer::allocate, bufferSize, 1, null);
    }

    /**
     * A pipeline that hashes on a daemon thread of its own, started now and ended by {@link #close}.
     *
     * @param bufferSize the size of each direct buffer (direct: a channel writes them without a copy)
     * @param buffers    how many buffers the caller may have filled and not yet hashed, at least 2; made as
     *                   the hashing falls behind
     * @param threadName the hashing thread's name
     */
    public static DigestPipeline threaded(FileSha256 digest, int bufferSize, int buffers, String threadName) {
        if (buffers < 2) {
            throw new IllegalArgumentException("a threaded pipeline needs at least 2 buffers, got " + buffers);
        }
        return new DigestPipeline(digest, ByteBuffer::allocateDirect, bufferSize, buffers, threadName);
    }

    /**
     * @return an empty buffer to fill, waiting while every buffer is still queued for hashing
     * @throws IllegalStateException when the hashing failed
     */
    public ByteBuffer buffer() {
        synchronized (lock) {
            checkFailure();
            if (free.isEmpty() && allocated < capacity) {
                allocated++;
            } else {
                boolean interrupted = false;
                while (free.isEmpty() && failure == null) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                checkFailure();
                return free.removeFirst().clear();
            }
        }
        // Outside the lock: allocating zeroes the buffer, and the hashing thread must not wait for that.
        return allocator.apply(bufferSize);
    }

    /**
     * Hands over a buffer from {@link #buffer}: the bytes between its position and limit come next in the
     * digest. The caller must not touch it afterwards. Never waits.
     */
    public void submit(ByteBuffer filled) {
        submitted += filled.remaining();
        if (thread == null) {
            digest.update(filled);
            free.add(filled);
            return;
        }
        synchronized (lock) {
            checkFailure();
            work.addLast(filled);
            lock.notifyAll();
        }
    }

    /** @return how many bytes were submitted */
    public long submitted() {
        return submitted;
    }

    /** @return a mark for the state after every byte submitted so far; never waits */
    public Mark mark() {
        Mark mark = new Mark(submitted);
        if (thread == null) {
            mark.complete(digest.checkpoint());
            return mark;
        }
        synchronized (lock) {
            checkFailure();
            work.addLast(mark);
            lock.notifyAll();
        }
        return mark;
    }

    /**
     * @return the encoded state after every byte submitted so far, once they are all hashed
     * @throws IllegalStateException when the hashing failed
     */
    public byte[] drain() {
        return mark().state();
    }

    /**
     * Ends the hashing thread, dropping what it has not hashed yet (call {@link #drain} first to keep it):
     * afterwards the digest may be used by the caller again. Waits for the thread to end.
     */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        Threads.joinUninterruptibly(thread);
        // Marks never reached would otherwise keep a waiter waiting.
        for (Object item : work) {
            if (item instanceof Mark m) {
                m.complete(FAILED);
            }
        }
        work.clear();
    }

    private void checkFailure() {
        if (failure != null) {
            throw new IllegalStateException("hashing failed", failure);
        }
    }

    private void hashLoop() {
        try {
            while (true) {
                Object item;
                synchronized (lock) {
                    while (work.isEmpty() && !closed) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    item = work.peekFirst();
                }
                // Outside the lock: the caller fills and writes other buffers meanwhile.
                if (item instanceof ByteBuffer b) {
                    digest.update(b);
                } else {
                    ((Mark) item).complete(digest.checkpoint());
                }
                synchronized (lock) {
                    work.removeFirst();
                    if (item instanceof ByteBuffer b) {
                        free.addLast(b);
                    }
                    lock.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread but a shutdown: the caller must not wait for it any more.
            fail(new IllegalStateException("hashing thread interrupted"));
        } catch (RuntimeException e) {
            fail(e);
        } catch (Error e) {
            fail(new IllegalStateException(e));
            throw e;
        }
    }

    /** Records why hashing stopped and releases every waiter. */
    private void fail(RuntimeException cause) {
        synchronized (lock) {
            failure = cause;
            for (Object item : work) {
                if (item instanceof Mark m) {
                    m.complete(FAILED);
                }
            }
            lock.notifyAll();
        }
    }
}
