package org.qmgr.engine.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination disk that runs out of space: while full, a temp file cannot grow past {@code capacity} bytes,
 * and a write beyond fails as Linux reports ENOSPC ({@code IOException("No space left on device")}), after
 * writing what still fits, as {@code write(2)} does. {@link #free()} makes space return. Deterministic, unlike
 * a tmpfs, which needs root and a mount.
 */
final class FillingDisk implements LocalDisk {

    private final long capacity;
    private volatile boolean full = true;
    private final AtomicInteger refused = new AtomicInteger();

    /** @param capacity the bytes a temp file may hold while the disk is full */
    FillingDisk(long capacity) {
        this.capacity = capacity;
    }

    /** Space returns: writes succeed again. */
    void free() {
        full = false;
    }

    /** @return how many writes failed for want of space */
    int refused() {
        return refused.get();
    }

    @Override
    public FileChannel openTemp(Path temp) throws IOException {
        return new Channel(LocalDisk.REAL.openTemp(temp));
    }

    /** A temp file's channel: delegates everything, but writes past the capacity while the disk is full. */
    private final class Channel extends FileChannel {
        private final FileChannel real;

        Channel(FileChannel real) {
            this.real = real;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (!full) {
                return real.write(src);
            }
            long room = capacity - real.position();
            if (room <= 0) {
                refused.incrementAndGet();
                throw new IOException("No space left on device");
            }
            if (src.remaining() <= room) {
                return real.write(src);
            }
            ByteBuffer fits = src.slice(src.position(), (int) room);
            int n = real.write(fits);
            src.position(src.position() + n);
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException("the engine writes one buffer at a time");
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            real.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException("the engine writes one buffer at a time");
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException("the engine writes at the channel's position");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
