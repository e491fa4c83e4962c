package org.qmgr.engine.internal;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.QmgrServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transfers one group's pending files, committed strictly in order ({@link FilePipeline}), on a transfer-pool
 * thread until the group is complete, fails, yields its slot, is stopped by suspend/cancel, cannot record its
 * progress because the queue store is unavailable, or learns that another node took the group's lease over.
 * <p>
 * Stopping is exact: {@link #stop} takes the write lock that every disk write takes, so once it returns
 * no further byte reaches the disk; every file's network exchange is aborted so the threads end promptly.
 */
final class GroupWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupWorker.class);

    /** Why a worker stops without a result of its own. */
    static final class StopSignal extends Exception {
        private static final long serialVersionUID = 1L;

        StopSignal() {
            super(null, null, false, false);
        }
    }

    final UUID groupId;
    /** The group's cache entry: only its volatile progress fields are touched without the engine lock. */
    final GroupEntry entry;
    private final Scheduler scheduler;
    private final FileDownload download;
    private final Executor fetchPool;
    private final Object writeLock = new Object();
    private final CountDownLatch done = new CountDownLatch(1);
    private boolean stopped;
    private boolean discard;
    private volatile boolean yieldRequested;
    /** The files in flight, each on its own thread: what a stop or yield must abort. */
    private final Set<FileFetch> fetches = ConcurrentHashMap.newKeySet();

    /**
     * @param fetchPool runs the group's further files in flight when it may fetch several at once
     */
    GroupWorker(GroupEntry entry, Scheduler scheduler, FileDownload download, Executor fetchPool) {
        this.entry = entry;
        this.groupId = entry.id();
        this.scheduler = scheduler;
        this.download = download;
        this.fetchPool = fetchPool;
    }

    @Override
    public void run() {
        Thread.currentThread().setName("qmgr-transfer-" + groupId.toString().substring(0, 8));
        try {
            FilePipeline.Failed failed;
            do {
                failed = new FilePipeline(this, scheduler, download, fetchPool, scheduler.filesAtOnce()).run();
                // Files added after the pipeline's last look are transferred by another pass.
            } while (failed == null && !scheduler.finished(this));
            if (failed != null) {
                scheduler.failed(this, failed.failure(), failed.file());
            }
        } catch (StopSignal s) {
            if (yieldRequested && !isStopped()) {
                scheduler.yielded(this);
            }
        } catch (LeaseLostException e) {
            // Stop at once, keeping nothing more: the temp file stays as it was, for the node that took over.
            scheduler.leaseLost(this, e);
        } catch (QmgrServiceUnavailableException e) {
            // A checkpoint or state write failed: the bytes stay in the temp file, the scheduler decides.
            scheduler.storeFailed(this, e);
        } catch (RuntimeException | Error e) {
            LOG.error("transfer of group {} failed unexpectedly", groupId, e);
            scheduler.crashed(this, e);
        } finally {
            scheduler.workerEnded(this);
            Thread.currentThread().setName("qmgr-transfer-idle");
            done.countDown();
        }
    }

    /**
     * Stops the worker: after this returns no byte is written any more.
     *
     * @param discardTemp whether the worker should delete the temp file it writes (cancel)
     * @param awaitMillis how long to wait for the thread to finish its clean-up
     */
    void stop(boolean discardTemp, long awaitMillis) {
        synchronized (writeLock) {
            stopped = true;
            discard = discardTemp;
        }
        fetches.forEach(FileFetch::abort);
        try {
            if (!done.await(awaitMillis, TimeUnit.MILLISECONDS)) {
                LOG.debug("transfer of group {} still finishing after {} ms", groupId, awaitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A file starts transferring: a stop or yield from now on aborts it too. */
    void started(FileFetch fetch) {
        fetches.add(fetch);
        if (isStopped() || yieldRequested) {
            fetch.abort();
        }
    }

    /** A file's transfer ended (committed later, or stopped). */
    void ended(FileFetch fetch) {
        fetches.remove(fetch);
    }

    /** Asks the worker to give its slot back now (time slice over, or preempted). */
    void requestYield() {
        yieldRequested = true;
        // Abort the exchanges, so a stalled server cannot hold the slot; the bytes held resume with Range.
        fetches.forEach(FileFetch::abort);
    }

    boolean yieldRequested() {
        return yieldRequested;
    }

    boolean isStopped() {
        synchronized (writeLock) {
            return stopped;
        }
    }

    boolean discardRequested() {
        synchronized (writeLock) {
            return discard;
        }
    }

    Object writeLock() {
        return writeLock;
    }

    /** Throws the stop signal when the worker was stopped or asked to yield. */
    void checkRunning() throws StopSignal {
        if (yieldRequested || isStopped()) {
            throw new StopSignal();
        }
    }
}
