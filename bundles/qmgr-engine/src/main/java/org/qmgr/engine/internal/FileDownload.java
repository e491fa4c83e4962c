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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
 * file in the destination directory ({@link TempFiles}), resumed with {@code Range} + {@code If-Range},
 * restarted from 0 when the entity changed, hashed with SHA-256 on the way, checkpointed (with the digest's
 * state, so a resumed file is not reread) and flushed; then, in batches of files fetched in order, time-stamped
 * files are atomically renamed onto their local paths inside the store transaction that verifies the group's
 * lease and records the commits. Nothing is written to a temp file while the lease may have lapsed: the
 * transfer renews it first. Transfers read no faster than the caps their group pays into ({@link Bandwidth}).
 * <p>
 * A file's size and validators come from the GET's headers (spec §2.2.9 allows HEAD or GET): no HEAD round
 * trip per file. A new file is stored only at its first checkpoint or its commit: its temp file's name is
 * derived from the file, so a crash before then leaves nothing the next attempt would not reuse.
 */
final class FileDownload {

    /** A file to transfer with the transport and base request chosen for it. */
    record Target(FileRecord file, Transport transport, TransportRequest request, GroupEntry.LiveFile live) {
    }

    /**
     * A file whose bytes are all in its flushed temp file, ready to commit.
     *
     * @param held   its record with every byte held and the temp file's path
     * @param sha256 the SHA-256 of those bytes, lower-case hex
     */
    record Fetched(Target target, FileRecord held, Path temp, String sha256) {

        /** @return the record of the committed file */
        FileRecord completed() {
            return held.withCompleted(held.totalBytes(), sha256);
        }
    }

    /** Carries a stop out of the commit transaction, which admits unchecked exceptions only. */
    private static final class MoveStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MoveStopped() {
            super(null, null, false, false);
        }
    }

    private final FileProgress files;
    private final LocalDisk disk;
    private final DestinationGuard guard;

    /** @param disk opens temp files and is told each commit step ({@link LocalDisk#REAL} but in tests) */
    FileDownload(FileProgress files, LocalDisk disk) {
        this.files = files;
        this.disk = disk;
        this.guard = new DestinationGuard(files::settings);
    }

    /**
     * Transfers the fetch's file into its temp file and flushes it; the caller commits it, in order.
     *
     * @throws TransferFailure on a failure of this file (a missing directory, the server, the disk, a digest
     *                         mismatch): the bytes held are checkpointed first
     */
    Fetched fetch(FileFetch fetch) throws TransferFailure, StopSignal {
        // Files are taken ahead: one may start after its worker was told to stop; it must not create anything.
        fetch.checkRunning();
        Target target = fetch.target();
        GroupWorker worker = fetch.worker();
        FileRecord f = target.file();
        Path local = Path.of(f.localPath());
        Path dir = local.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw TransferFailure.fatal(Win32Results.ERROR_PATH_NOT_FOUND, 0, "directory missing: " + dir);
        }
        // The temp file is created or truncated below: a new file of a group may follow a long commit.
        files.keepLease(worker, f);
        Path temp = TempFiles.of(f);
        if (f.tempPath() == null) {
            f = f.withProgress(0, f.etag(), f.lastModifiedMillis(), temp.toString(), null);
        }
        boolean finished = false;
        try {
            FileSha256 digest;
            guard.check(local, files.ownerOf(worker));
            try (FileChannel channel = disk.openTemp(temp)) {
                long held = heldBytes(f, channel);
                digest = FileSha256.resume(f.digestState(), channel, held, f.toString());
                f = fetch(target, f, fetch, channel, digest, held);
                // The data only: the size is part of it; the time stamp below need not survive a crash.
                channel.force(false);
            }
            String sha256 = digest.finish();
            if (f.expectedSha256() != null && !f.expectedSha256().equalsIgnoreCase(sha256)) {
                Files.deleteIfExists(temp);
                throw TransferFailure.fatal(Win32Results.ERROR_CRC, 0, "SHA-256 mismatch for " + f.remoteUrl()
                        + ": expected " + f.expectedSha256().toLowerCase() + ", got " + sha256);
            }
            if (f.lastModifiedMillis() >= 0) {
                Files.setLastModifiedTime(temp, FileTime.fromMillis(f.lastModifiedMillis()));
            }
            disk.reached(LocalDisk.CommitStep.FLUSHED, local);
            finished = true;
            return new Fetched(target, f, temp, sha256);
        } catch (IOException e) {
            throw FailureClassifier.fromLocal(e, "writing " + temp);
        } finally {
            if (!finished && worker.discardRequested()) {
                deleteQuietly(temp);
            }
        }
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
    private FileRecord fetch(Target target, FileRecord f, FileFetch fetch, FileChannel channel,
                             FileSha256 digest, long held) throws IOException, TransferFailure, StopSignal {
        GroupWorker worker = fetch.worker();
        target.live().bytes = held;
        boolean stored = held > 0;
        if (f.totalBytes() >= 0 && held == f.totalBytes() && held > 0) {
            return f.withProgress(held, f.etag(), f.lastModifiedMillis(), f.tempPath(), digest.checkpoint());
        }
        // One restart at most: a ranged answer for a changed entity is refetched whole, once.
        for (int attempt = 0; ; attempt++) {
            TransportRequest request = held > 0
                    ? target.request().withRange(held, ifRange(f)) : target.request();
            try (TransportResponse response = open(target.transport(), request, fetch)) {
                // The headers may have taken long: the temp file may be truncated next.
                files.keepLease(worker, f);
                ResponseInfo info = response.info();
                long entity = info.partial() ? info.entityLength()
                        : info.contentLength() >= 0 ? info.contentLength() : info.entityLength();
                if (entity < 0) {
                    throw TransferFailure.fatal(Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, info.status(),
                            "server announced no size for " + f.remoteUrl());
                }
                long limit = files.maxBytesPerFile();
                if (limit > 0 && entity > limit) {
                    // Checked on the announced size, before the first byte is written, so the limit is never
                    // exceeded on disk. The spec (§4.10) has no row for a size quota: the closest is the local
                    // store refusing more bytes, ERROR_DISK_FULL, fatal like a full disk (a retry cannot help
                    // until the limit or the file changes).
                    throw TransferFailure.fatal(Win32Results.ERROR_DISK_FULL, info.status(), f.remoteUrl()
                            + " has " + entity + " bytes, more than maxBytesPerFile = " + limit);
                }
                // Not the size alone (spec §1.10.3, A-21): a cache that ignores a stale If-Range answers 206 with
                // the new entity's bytes, of the same size; only its validators tell (found by FaultInjectionTest).
                boolean changed = info.partial() && ((f.totalBytes() >= 0 && entity != f.totalBytes())
                        || validatorsChanged(f, info));
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
                if (stored) {
                    // The stored checkpoint names other validators or offset: it must not outlive these bytes.
                    files.checkpoint(worker, f);
                } else {
                    // Nothing stored yet for this file: its first checkpoint or its commit stores all of it.
                    fetch.learned(f);
                }
                return copy(response, f, fetch, channel, digest, target.live());
            }
        }
    }

    private FileRecord copy(TransportResponse response, FileRecord f, FileFetch fetch, FileChannel channel,
                            FileSha256 digest, GroupEntry.LiveFile live)
            throws IOException, TransferFailure, StopSignal {
        GroupWorker worker = fetch.worker();
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
                Throttle throttle = worker.entry.throttle;
                buffer.limit(Math.min(buffer.capacity(), throttle.readSize(buffer.capacity())));
                int n = read(response, buffer, fetch);
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
                    if (fetch.stopped()) {
                        throw new StopSignal();
                    }
                    out.write(buffer);
                }
                held += n;
                live.bytes = held;
                files.progressed(worker, n);
                if (held > total) {
                    throw TransferFailure.transientFailure(Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE, 0,
                            "server sent more than the announced " + total + " bytes");
                }
                if (files.checkpointDue(held - checkpointedBytes, checkpointedNanos) && out.checkpoint()) {
                    checkpointedBytes = held;
                    checkpointedNanos = files.nanos();
                }
                fetch.checkRunning();
                // Paying before the next read leaves the rest in the socket: TCP slows the server down.
                throttle.pay(n, worker);
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

    /**
     * Commits fetched files, in their order, in one store transaction: each is renamed onto its local path,
     * then the directories are synced once, before the transaction commits.
     */
    void commit(List<Fetched> batch, GroupWorker worker) throws IOException, StopSignal {
        // Read before the transaction: its callbacks run on a store thread while this one holds the queue lock.
        String owner = files.ownerOf(worker);
        try {
            files.commitFiles(worker, batch, fetched -> move(fetched.temp(), Path.of(fetched.held().localPath()),
                    worker, owner), () -> {
                        syncDirectories(batch);
                        batch.forEach(b -> disk.reached(LocalDisk.CommitStep.DIRECTORIES_SYNCED, local(b)));
                    });
            batch.forEach(b -> disk.reached(LocalDisk.CommitStep.STORED, local(b)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (MoveStopped e) {
            throw new StopSignal();
        }
    }

    /** Caches what transfers learned of files that have no stored checkpoint yet; see {@link FileProgress#learned}. */
    void learned(GroupWorker worker, List<FileRecord> learned) {
        files.learned(worker, learned);
    }

    /** Records a fetched file that will not be committed now, so its next attempt commits it without a byte fetched. */
    void keep(Fetched fetched, GroupWorker worker) {
        files.checkpoint(worker, fetched.held());
    }

    /** The rename onto the local path; run inside the commit transaction, after the lease check. */
    private void move(Path temp, Path local, GroupWorker worker, String owner) {
        synchronized (worker.writeLock()) {
            if (worker.isStopped()) {
                throw new MoveStopped();
            }
            try {
                guard.check(local, owner);
                try {
                    Files.move(temp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, local, StandardCopyOption.REPLACE_EXISTING);
                }
                disk.reached(LocalDisk.CommitStep.RENAMED, local);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path local(Fetched fetched) {
        return Path.of(fetched.held().localPath());
    }

    /** Makes the renames durable: each directory once per batch, however many files it received. */
    private static void syncDirectories(List<Fetched> batch) {
        Set<Path> dirs = new LinkedHashSet<>();
        batch.forEach(b -> dirs.add(Path.of(b.held().localPath()).getParent()));
        dirs.forEach(FileDownload::syncDirectory);
    }

    private static long restart(FileChannel channel, FileSha256 digest, Target target) throws IOException {
        channel.truncate(0);
        channel.position(0);
        digest.restart();
        target.live().bytes = 0;
        return 0;
    }

    private static TransportResponse open(Transport transport, TransportRequest request, FileFetch fetch)
            throws TransferFailure, StopSignal {
        fetch.enterTransportCall();
        try {
            TransportResponse response = transport.open(request);
            fetch.current(response);
            return response;
        } catch (TransportException e) {
            throw failure(e, fetch);
        } finally {
            fetch.leaveTransportCall();
        }
    }

    private static int read(TransportResponse response, ByteBuffer buffer, FileFetch fetch)
            throws TransferFailure, StopSignal {
        try {
            return response.read(buffer);
        } catch (TransportException e) {
            throw failure(e, fetch);
        }
    }

    private static TransferFailure failure(TransportException e, FileFetch fetch) throws StopSignal {
        if (e.kind() == TransportException.Kind.ABORTED || fetch.stopped()) {
            throw new StopSignal();
        }
        return FailureClassifier.fromTransport(e);
    }

    /**
     * Whether a ranged answer names another entity than the bytes held: a different strong ETag, or a different
     * Last-Modified. A validator the held bytes or the answer lack proves nothing either way.
     */
    private static boolean validatorsChanged(FileRecord f, ResponseInfo info) {
        boolean strongHeld = f.etag() != null && !f.etag().startsWith("W/");
        if (strongHeld && info.hasStrongEtag() && !f.etag().equals(info.etag())) {
            return true;
        }
        return f.lastModifiedMillis() >= 0 && info.lastModified() != null
                && f.lastModifiedMillis() != info.lastModified().toEpochMilli();
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
