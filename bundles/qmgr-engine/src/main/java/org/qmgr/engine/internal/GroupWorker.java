package org.qmgr.engine.internal;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.qmgr.api.QmgrServiceUnavailableException;
import org.qmgr.spi.transport.TransportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transfers one group's pending files, strictly in order, on a transfer-pool thread until the group is
 * complete, fails, yields its slot, is stopped by suspend/cancel, cannot record its progress because the
 * queue store is unavailable, or learns that another node took the group's lease over.
 * <p>
 * Stopping is exact: {@link #stop} takes the write lock that every disk write takes, so once it returns
 * no further byte reaches the disk; the network exchange is aborted so the thread ends promptly.
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
    private final Object writeLock = new Object();
    private final CountDownLatch done = new CountDownLatch(1);
    private boolean stopped;
    private boolean discard;
    private volatile boolean yieldRequested;
    private volatile TransportResponse current;
    /** Foreground groups bypass the background cap; refreshed by the scheduler when the flag changes. */
    private volatile boolean foreground;
    private volatile Thread thread;
    /** Guards {@link #inTransportCall}: an interrupt may only land while the worker waits in a transport. */
    private final Object callLock = new Object();
    private boolean inTransportCall;

    GroupWorker(GroupEntry entry, Scheduler scheduler, FileDownload download) {
        this.entry = entry;
        this.groupId = entry.id();
        this.scheduler = scheduler;
        this.download = download;
        this.foreground = entry.record.foreground();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        thread.setName("qmgr-transfer-" + groupId.toString().substring(0, 8));
        try {
            while (true) {
                FileDownload.Target target = scheduler.nextFile(this);
                if (target == null) {
                    scheduler.finished(this);
                    return;
                }
                try {
                    download.transfer(target, this);
                } catch (TransferFailure f) {
                    scheduler.failed(this, f, target.file());
                    return;
                }
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
            thread = null;
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
        TransportResponse response = current;
        if (response != null) {
            response.abort();
        }
        interruptTransportCall();
        wake();
        try {
            if (!done.await(awaitMillis, TimeUnit.MILLISECONDS)) {
                LOG.debug("transfer of group {} still finishing after {} ms", groupId, awaitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Marks the start of a blocking transport call (connect, request, waiting for headers), which a stop
     * aborts by interrupting this thread: there is no response object to abort yet.
     */
    void enterTransportCall() throws StopSignal {
        synchronized (callLock) {
            inTransportCall = true;
        }
        checkRunning();
    }

    /** Marks the end of a transport call; an interrupt that arrived too late to matter is cleared. */
    void leaveTransportCall() {
        synchronized (callLock) {
            inTransportCall = false;
            Thread.interrupted();
        }
    }

    private void interruptTransportCall() {
        synchronized (callLock) {
            Thread t = thread;
            if (inTransportCall && t != null) {
                t.interrupt();
            }
        }
    }

    /** Asks the worker to give its slot back now (time slice over, or preempted). */
    void requestYield() {
        yieldRequested = true;
        // Abort the exchange, so a stalled server cannot hold the slot; the bytes held resume with Range.
        TransportResponse response = current;
        if (response != null) {
            response.abort();
        }
        interruptTransportCall();
        wake();
    }

    /** Ends a wait on the rate limiter at once, so a stop or yield is not delayed by the cap. */
    private void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    boolean foreground() {
        return foreground;
    }

    void foreground(boolean value) {
        foreground = value;
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

    void current(TransportResponse response) {
        current = response;
        if (response != null && isStopped()) {
            response.abort();
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
