package org.qmgr.engine.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.engine.internal.GroupWorker.StopSignal;
import org.qmgr.spi.store.FileRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a group's pending files through a window of files in flight and commits them strictly in transfer
 * order, in batches: every file already fetched when the one before it commits joins that commit, so the store
 * and the directory are synced once for the lot (many small files cost one durable commit, not one each).
 * <p>
 * Files are fetched on fetch-pool threads, one at a time by default (spec §1.5: one file at a time, in index
 * order; no two requests overlap), or up to {@code filesAtOnce}; meanwhile the worker's thread commits the files
 * fetched before, so a file's commit (its syncs) overlaps the next file's transfer. Fetched files wait, complete
 * and flushed, for their turn to commit, up to {@link #MAX_BATCH} of them. A failed file fails the group only
 * once every file before it is committed; the files after it stop and keep what they hold.
 * <p>
 * Fetch threads never wait for the engine lock, which a commit holds through its syncs: what they learn from
 * the response headers (sizes) is queued and cached by the worker thread.
 */
final class FilePipeline {

    /** The file at which the group failed, and why. */
    record Failed(TransferFailure failure, FileRecord file) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FilePipeline.class);
    /** Files per commit at most: bounds a transaction, and how long a stop waits for it. */
    private static final int MAX_BATCH = 256;
    /** How long the worker waits for the files still in flight to end once it stops. */
    private static final long DRAIN_MILLIS = 10_000;

    /** One file of the window: its fetch, and the outcome its thread completes. */
    private record Slot(FileFetch fetch, CompletableFuture<FileDownload.Fetched> outcome) {

        GroupEntry.FileKey key() {
            return GroupEntry.FileKey.of(fetch.target().file());
        }

        boolean fetched() {
            return outcome.isDone() && !outcome.isCompletedExceptionally();
        }
    }

    private final GroupWorker worker;
    private final Scheduler scheduler;
    private final FileDownload download;
    private final Executor fetchPool;
    /** Files fetched at once at most. */
    private final int width;
    /** Files in the window at most: fetching, or fetched and waiting to commit. */
    private final int capacity;
    private final ArrayDeque<Slot> window = new ArrayDeque<>();
    /** One permit per event the worker waits for: a file's fetch ended, or a fetch learned a size. */
    private final Semaphore signals = new Semaphore(0);
    private final Queue<FileRecord> learned = new ConcurrentLinkedQueue<>();
    private volatile boolean anyFailed;
    /** Files taken into the window that no fetch thread has started yet, in transfer order. */
    private final Queue<Slot> queued = new ConcurrentLinkedQueue<>();
    /** Fetch threads running {@link #fetchQueued}. */
    private final AtomicInteger fetchers = new AtomicInteger();
    private final Set<GroupEntry.FileKey> inFlight = new HashSet<>();
    private GroupEntry.FileKey last;

    /**
     * @param width how many files may be in flight at once, at least 1
     */
    FilePipeline(GroupWorker worker, Scheduler scheduler, FileDownload download, Executor fetchPool, int width) {
        this.worker = worker;
        this.scheduler = scheduler;
        this.download = download;
        this.fetchPool = fetchPool;
        this.width = Math.max(1, width);
        this.capacity = Math.min(MAX_BATCH, this.width * 64);
    }

    /**
     * Transfers and commits every pending file of the group.
     *
     * @return {@code null} when every file is committed, else the file at which the group failed
     */
    Failed run() throws StopSignal {
        try {
            while (true) {
                cacheLearned();
                if (!anyFailed) {
                    fill();
                }
                if (window.isEmpty()) {
                    // Files re-added behind the window's position are pending again: one pass from the start.
                    last = null;
                    fill();
                    if (window.isEmpty()) {
                        return null;
                    }
                }
                Slot head = window.peekFirst();
                if (!head.outcome().isDone()) {
                    awaitSignal();
                    continue;
                }
                FileDownload.Fetched first;
                try {
                    first = await(head);
                } catch (TransferFailure f) {
                    return new Failed(f, head.fetch().target().file());
                }
                List<FileDownload.Fetched> batch = new ArrayList<>();
                batch.add(first);
                take();
                while (!window.isEmpty() && window.peekFirst().fetched() && batch.size() < MAX_BATCH) {
                    batch.add(window.peekFirst().outcome().join());
                    take();
                }
                cacheLearned();
                try {
                    download.commit(batch, worker);
                } catch (IOException e) {
                    return new Failed(FailureClassifier.fromLocal(e, "committing " + batch.get(0).held()
                            .localPath()), batch.get(0).held());
                }
            }
        } finally {
            drain();
        }
    }

    /**
     * Takes the next pending files into the window while it has room; at most {@link #width} of them fetch at
     * once. Files are taken ahead, so a fetch thread that finishes starts the next file by itself, without
     * waiting for the worker (which may be committing, holding the engine lock through its syncs).
     */
    private void fill() throws StopSignal {
        int room = capacity - window.size();
        if (room <= 0) {
            return;
        }
        for (FileDownload.Target target : scheduler.nextFiles(worker, last, inFlight::contains, room)) {
            FileFetch fetch = new FileFetch(worker, target, f -> {
                learned.add(f);
                signals.release();
            });
            Slot slot = new Slot(fetch, new CompletableFuture<>());
            window.addLast(slot);
            inFlight.add(slot.key());
            last = slot.key();
            queued.add(slot);
        }
        startFetchers();
    }

    /** Starts fetch threads for the queued files, up to {@link #width} at once. */
    private void startFetchers() {
        while (!queued.isEmpty() && claimFetcher()) {
            try {
                fetchPool.execute(this::fetchQueued);
            } catch (RejectedExecutionException e) {
                // The engine is stopping: the queued files simply end stopped, keeping nothing new.
                fetchers.decrementAndGet();
                stopQueued();
                return;
            }
        }
    }

    private boolean claimFetcher() {
        while (true) {
            int n = fetchers.get();
            if (n >= width) {
                return false;
            }
            if (fetchers.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** A fetch thread: fetches queued files one after another, in order, until none is left. */
    private void fetchQueued() {
        while (true) {
            Slot slot = queued.poll();
            if (slot == null) {
                fetchers.decrementAndGet();
                // A file queued between the poll and the decrement would wait for no thread: take it back.
                if (queued.isEmpty() || !claimFetcher()) {
                    return;
                }
                continue;
            }
            if (anyFailed) {
                // Every file still queued comes after the one that failed: the group fails there, so these
                // stay untouched (no request), as with one file at a time.
                slot.outcome().completeExceptionally(new StopSignal());
                signals.release();
                continue;
            }
            fetch(slot);
        }
    }

    /** Ends the files no thread started yet: they hold nothing. */
    private void stopQueued() {
        for (Slot slot = queued.poll(); slot != null; slot = queued.poll()) {
            slot.outcome().completeExceptionally(new StopSignal());
        }
    }

    private void awaitSignal() throws StopSignal {
        try {
            signals.acquire();
            signals.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopSignal();
        }
    }

    /** Caches the sizes fetch threads learned since the last call (engine lock taken only when there are some). */
    private void cacheLearned() {
        if (learned.isEmpty()) {
            return;
        }
        List<FileRecord> records = new ArrayList<>();
        for (FileRecord f = learned.poll(); f != null; f = learned.poll()) {
            records.add(f);
        }
        download.learned(worker, records);
    }

    private void fetch(Slot slot) {
        FileFetch fetch = slot.fetch();
        fetch.runsOn(Thread.currentThread());
        worker.started(fetch);
        try {
            slot.outcome().complete(download.fetch(fetch));
        } catch (Throwable t) {
            anyFailed = true;
            slot.outcome().completeExceptionally(t);
        } finally {
            worker.ended(fetch);
            fetch.runsOn(null);
            signals.release();
        }
    }

    private void take() {
        inFlight.remove(window.removeFirst().key());
    }

    /** The file's outcome, its failure rethrown as the worker's own. */
    private static FileDownload.Fetched await(Slot slot) throws TransferFailure, StopSignal {
        try {
            return slot.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopSignal();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TransferFailure f) {
                throw f;
            }
            if (cause instanceof StopSignal s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                // Lease lost, store unavailable, or a bug: the worker handles each as its own.
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Ends the files still in the window (a stop, a failure, a lost lease): each stops, checkpointing what it
     * holds; a file already fetched keeps its complete temp file and checkpoint, or loses it on a cancel.
     */
    private void drain() {
        if (window.isEmpty()) {
            return;
        }
        stopQueued();
        window.forEach(s -> s.fetch().cancel());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        for (Slot slot : window) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                FileDownload.Fetched fetched = slot.outcome().get(left, TimeUnit.NANOSECONDS);
                keep(fetched);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                // Stopped, failed or fenced: what it held was checkpointed by the fetch itself.
            } catch (TimeoutException e) {
                LOG.warn("a transfer of group {} did not stop within {} ms", worker.groupId, DRAIN_MILLIS);
            }
        }
        window.clear();
        inFlight.clear();
    }

    /** A fetched file that was not committed: its complete temp file is recorded, so no byte is fetched again. */
    private void keep(FileDownload.Fetched fetched) {
        if (worker.discardRequested()) {
            FileDownload.deleteQuietly(fetched.temp());
            return;
        }
        try {
            download.keep(fetched, worker);
        } catch (QmgrServiceUnavailableException | LeaseLostException e) {
            LOG.debug("fetched file {} of group {} not recorded: {}", fetched.held().localPath(), worker.groupId,
                    e.getMessage());
        }
    }
}
