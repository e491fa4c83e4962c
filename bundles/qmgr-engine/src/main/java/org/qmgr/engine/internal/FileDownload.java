package org.qmgr.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.qmgr.api.Win32Results;
import org.qmgr.engine.internal.GroupWorker.StopSignal;
import org.qmgr.engine.internal.digest.FileSha256;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;

/**
 * Moves one file's bytes from a transport to its local path (spec §1.5, §1.10): a {@code BIT*.tmp} temp
 * file in the destination directory, resumed with {@code Range} + {@code If-Range}, restarted from 0 when
 * the entity changed, hashed with SHA-256 on the way, checkpointed (with the digest's state, so a resumed
 * file is not reread), then flushed, time-stamped and atomically renamed onto the local path inside the
 * store transaction that verifies the group's lease and records the commit. Nothing is written to the temp
 * file while the lease may have lapsed: the worker renews it first. Background transfers read no faster than
 * the shared cap.
 */
final class FileDownload {

    /** A file to transfer with the transport and base request chosen for it. */
    record Target(FileRecord file, Transport transport, TransportRequest request, GroupEntry.LiveFile live) {
    }

    /** The most a capped (background) transfer reads at once, before it pays the limiter for it. */
    private static final int CAPPED_READ = 64 * 1024;

    /** Carries a stop out of the commit transaction, which admits unchecked exceptions only. */
    private static final class MoveStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MoveStopped() {
            super(null, null, false, false);
        }
    }

    /** The background cap shared by every transfer of the engine; foreground transfers never consult it. */
    private final RateLimiter backgroundLimit;
    private final FileProgress files;

    FileDownload(RateLimiter backgroundLimit, FileProgress files) {
        this.backgroundLimit = backgroundLimit;
        this.files = files;
    }

    /** Transfers and commits the target's file; the scheduler records the commit. */
    void transfer(Target target, GroupWorker worker) throws TransferFailure, StopSignal {
        FileRecord f = target.file();
        Path local = Path.of(f.localPath());
        Path dir = local.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw TransferFailure.fatal(Win32Results.ERROR_PATH_NOT_FOUND, 0, "directory missing: " + dir);
        }
        if (f.totalBytes() < 0) {
            f = probeSize(target, f, worker);
        }
        // The temp file is created or truncated below: a new file of a group may follow a long commit.
        files.keepLease(worker, f);
        Path temp = f.tempPath() == null ? null : Path.of(f.tempPath());
        boolean finished = false;
        try {
            if (temp == null || !Files.exists(temp)) {
                temp = Files.createTempFile(dir, "BIT", ".tmp");
                f = f.withProgress(0, f.etag(), f.lastModifiedMillis(), temp.toString(), null);
                files.checkpoint(worker, f);
            }
            FileSha256 digest;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long held = heldBytes(f, channel);
                digest = FileSha256.resume(f.digestState(), channel, held, f.toString());
                f = fetch(target, f, worker, channel, digest, held);
                channel.force(true);
            }
            commit(f, temp, local, worker, digest.finish());
            finished = true;
        } catch (IOException e) {
            throw FailureClassifier.fromLocal(e, "writing " + (temp == null ? local : temp));
        } finally {
            if (!finished && temp != null && worker.discardRequested()) {
                deleteQuietly(temp);
            }
        }
    }

    private FileRecord probeSize(Target target, FileRecord f, GroupWorker worker) throws TransferFailure, StopSignal {
        ResponseInfo info;
        try {
            worker.enterTransportCall();
            info = target.transport().probe(target.request());
        } catch (TransportException e) {
            throw failure(e, worker);
        } finally {
            worker.leaveTransportCall();
        }
        worker.checkRunning();
        long size = info.entityLength() >= 0 ? info.entityLength() : info.contentLength();
        if (size < 0) {
            return f;
        }
        FileRecord sized = f.withTotalBytes(size);
        files.checkpoint(worker, sized);
        return sized;
    }

    /**
     * How many bytes of the temp file to keep (it is truncated to them): never more than the checkpoint
     * recorded, since bytes written after it, before a crash, are covered by no digest state; none without
     * a validator.
     */
    private static long heldBytes(FileRecord f, FileChannel channel) throws IOException {
        long held = Math.min(channel.size(), f.bytesDone());
        boolean validated = f.etag() != null || f.lastModifiedMillis() >= 0;
        if (!validated || (f.totalBytes() >= 0 && held > f.totalBytes())) {
            held = 0;
        }
        channel.truncate(held);
        channel.position(held);
        return held;
    }

    /** Fetches what is missing into the channel from {@code held}; returns the record with the full size held. */
    private FileRecord fetch(Target target, FileRecord f, GroupWorker worker, FileChannel channel,
                             FileSha256 digest, long held) throws IOException, TransferFailure, StopSignal {
        target.live().bytes = held;
        if (f.totalBytes() >= 0 && held == f.totalBytes() && held > 0) {
            return f.withProgress(held, f.etag(), f.lastModifiedMillis(), f.tempPath(), digest.checkpoint());
        }
        // One restart at most: a ranged answer for a changed entity is refetched whole, once.
        for (int attempt = 0; ; attempt++) {
            TransportRequest request = held > 0
                    ? target.request().withRange(held, ifRange(f)) : target.request();
            try (TransportResponse response = open(target.transport(), request, worker)) {
                // The headers may have taken long: the temp file may be truncated next.
                files.keepLease(worker, f);
                ResponseInfo info = response.info();
                long entity = info.partial() ? info.entityLength()
                        : info.contentLength() >= 0 ? info.contentLength() : info.entityLength();
                if (entity < 0) {
                    throw TransferFailure.fatal(Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, info.status(),
                            "server announced no size for " + f.remoteUrl());
                }
                boolean changed = info.partial() && f.totalBytes() >= 0 && entity != f.totalBytes();
                if (info.partial() && info.rangeStart() != held) {
                    throw TransferFailure.transientFailure(Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE,
                            info.status(), "range starts at " + info.rangeStart() + ", asked for " + held);
                }
                if (changed && attempt == 0) {
                    held = restart(channel, digest, target);
                    continue;
                }
                if (held > 0 && !info.partial()) {
                    held = restart(channel, digest, target);
                }
                f = f.withTotalBytes(entity).withProgress(held, info.etag(),
                        info.lastModified() == null ? -1 : info.lastModified().toEpochMilli(), f.tempPath(),
                        digest.checkpoint());
                files.checkpoint(worker, f);
                return copy(response, f, worker, channel, digest, target.live());
            }
        }
    }

    private FileRecord copy(TransportResponse response, FileRecord f, GroupWorker worker, FileChannel channel,
                            FileSha256 digest, GroupEntry.LiveFile live)
            throws IOException, TransferFailure, StopSignal {
        long held = f.bytesDone();
        long total = f.totalBytes();
        long checkpointedBytes = held;
        long checkpointedNanos = files.nanos();
        // A checkpoint that cannot be recorded aborts the response: the read ends, and the stop path throws why.
        BodyWriter out = BodyWriter.open(channel, digest, held, total - held,
                worker.groupId.toString().substring(0, 8), c -> files.checkpoint(worker, progress(f, c)),
                response::abort);
        try {
            while (true) {
                ByteBuffer buffer = out.buffer();
                boolean capped = !worker.foreground();
                if (capped) {
                    // Capped reads stay small: the limiter charges and waits per read.
                    buffer.limit(Math.min(buffer.capacity(), backgroundLimit.readSize(CAPPED_READ)));
                }
                int n = read(response, buffer, worker);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                if (files.leaseRenewalDue(worker)) {
                    // Before the write: a worker stalled past its lease must not write into a temp file that
                    // another node may have taken over since; a refused renewal stops it here. It records what
                    // is on the device already rather than wait for the device.
                    files.checkpoint(worker, progress(f, out.durable()));
                    checkpointedBytes = held;
                    checkpointedNanos = files.nanos();
                }
                synchronized (worker.writeLock()) {
                    if (worker.isStopped()) {
                        throw new StopSignal();
                    }
                    out.write(buffer);
                }
                held += n;
                live.bytes = held;
                files.progressed(worker);
                if (held > total) {
                    throw TransferFailure.transientFailure(Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, 0,
                            "server sent more than the announced " + total + " bytes");
                }
                if (files.checkpointDue(held - checkpointedBytes, checkpointedNanos) && out.checkpoint()) {
                    checkpointedBytes = held;
                    checkpointedNanos = files.nanos();
                }
                worker.checkRunning();
                if (capped) {
                    // Paying before the next read leaves the rest in the socket: TCP slows the server down.
                    backgroundLimit.pay(n, worker);
                }
            }
            if (held != total) {
                throw TransferFailure.transientFailure(Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, 0,
                        "body ended after " + held + " of " + total + " bytes");
            }
            return progress(f, out.complete());
        } catch (StopSignal stop) {
            if (!worker.discardRequested()) {
                files.checkpoint(worker, progress(f, out.settle()));
            }
            throw stop;
        } catch (TransferFailure failure) {
            files.checkpoint(worker, progress(f, out.settle()));
            throw failure;
        } finally {
            out.close();
        }
    }

    /** A checkpoint of {@code f}: the digest state covers exactly the bytes it records, which are on disk. */
    private static FileRecord progress(FileRecord f, BodyWriter.Checkpoint at) {
        return f.withProgress(at.bytes(), f.etag(), f.lastModifiedMillis(), f.tempPath(), at.digestState());
    }

    private void commit(FileRecord f, Path temp, Path local, GroupWorker worker, String sha256)
            throws IOException, TransferFailure, StopSignal {
        if (f.expectedSha256() != null && !f.expectedSha256().equalsIgnoreCase(sha256)) {
            Files.deleteIfExists(temp);
            throw TransferFailure.fatal(Win32Results.ERROR_CRC, 0, "SHA-256 mismatch for " + f.remoteUrl()
                    + ": expected " + f.expectedSha256().toLowerCase() + ", got " + sha256);
        }
        if (f.lastModifiedMillis() >= 0) {
            Files.setLastModifiedTime(temp, FileTime.fromMillis(f.lastModifiedMillis()));
        }
        try {
            files.commitFile(worker, f, f.withCompleted(f.totalBytes(), sha256),
                    () -> move(temp, local, worker));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (MoveStopped e) {
            throw new StopSignal();
        }
    }

    /** The rename onto the local path, made durable; run inside the commit transaction, after the lease check. */
    private static void move(Path temp, Path local, GroupWorker worker) {
        synchronized (worker.writeLock()) {
            if (worker.isStopped()) {
                throw new MoveStopped();
            }
            try {
                try {
                    Files.move(temp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, local, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        syncDirectory(local.getParent());
    }

    private static long restart(FileChannel channel, FileSha256 digest, Target target) throws IOException {
        channel.truncate(0);
        channel.position(0);
        digest.restart();
        target.live().bytes = 0;
        return 0;
    }

    private static TransportResponse open(Transport transport, TransportRequest request, GroupWorker worker)
            throws TransferFailure, StopSignal {
        worker.enterTransportCall();
        try {
            TransportResponse response = transport.open(request);
            worker.current(response);
            return response;
        } catch (TransportException e) {
            throw failure(e, worker);
        } finally {
            worker.leaveTransportCall();
        }
    }

    private static int read(TransportResponse response, ByteBuffer buffer, GroupWorker worker)
            throws TransferFailure, StopSignal {
        try {
            return response.read(buffer);
        } catch (TransportException e) {
            throw failure(e, worker);
        }
    }

    private static TransferFailure failure(TransportException e, GroupWorker worker) throws StopSignal {
        if (e.kind() == TransportException.Kind.ABORTED || worker.isStopped()) {
            throw new StopSignal();
        }
        return FailureClassifier.fromTransport(e);
    }

    /** {@code If-Range}: a strong ETag, else Last-Modified as an HTTP date (spec §1.10.2). */
    private static String ifRange(FileRecord f) {
        if (f.etag() != null && !f.etag().startsWith("W/")) {
            return f.etag();
        }
        return f.lastModifiedMillis() < 0 ? null : DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.ofEpochMilli(f.lastModifiedMillis()).atZone(ZoneOffset.UTC));
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the rename is still atomic.
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover temp file is removed by the next cancel or clean-up; nothing to report here.
        }
    }
}
