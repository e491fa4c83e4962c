package org.qmgr.engine.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.qmgr.engine.internal.GroupWorker.StopSignal;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.transport.TransportResponse;

/**
 * One file of a group in flight: what a stop, a yield or a cancel of this file alone must abort (the exchange
 * with the server, a blocking transport call, a wait on the rate limiter), and whether its bytes may still be
 * written. A group's worker may have several at once ({@link FilePipeline}); each runs on one thread.
 */
final class FileFetch {

    private final GroupWorker worker;
    private final FileDownload.Target target;
    private final Consumer<FileRecord> learned;
    private volatile boolean cancelled;
    private volatile TransportResponse current;
    private volatile Thread thread;
    /** Guards {@link #inTransportCall}: an interrupt may only land while the fetch waits in a transport. */
    private final Object callLock = new Object();
    private boolean inTransportCall;

    /**
     * @param learned takes what the fetch learned of its file from the response headers (size, validators)
     *                before its first checkpoint, for the group's cache
     */
    FileFetch(GroupWorker worker, FileDownload.Target target, Consumer<FileRecord> learned) {
        this.worker = worker;
        this.target = target;
        this.learned = learned;
    }

    /** The file's size and validators are known, nothing is stored yet: progress reports should show them. */
    void learned(FileRecord f) {
        learned.accept(f);
    }

    GroupWorker worker() {
        return worker;
    }

    FileDownload.Target target() {
        return target;
    }

    /** Binds the fetch to the thread that runs it, so a stop can wake or interrupt it. */
    void runsOn(Thread t) {
        thread = t;
    }

    /**
     * Stops this file alone (another file of the group failed): it checkpoints what it holds and ends, while the
     * group's worker goes on.
     */
    void cancel() {
        cancelled = true;
        abort();
    }

    /** Ends the exchange at once and any wait of the fetch; the bytes held resume with {@code Range}. */
    void abort() {
        TransportResponse response = current;
        if (response != null) {
            response.abort();
        }
        synchronized (callLock) {
            Thread t = thread;
            if (inTransportCall && t != null) {
                t.interrupt();
            }
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Marks the start of a blocking transport call (connect, request, waiting for headers), which a stop aborts
     * by interrupting this thread: there is no response object to abort yet.
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

    void current(TransportResponse response) {
        current = response;
        if (response != null && stopped()) {
            response.abort();
        }
    }

    /** Whether no more bytes of this file may be written: check it holding the worker's write lock. */
    boolean stopped() {
        return cancelled || worker.isStopped();
    }

    /** Throws the stop signal when the worker was stopped or asked to yield, or this file was cancelled. */
    void checkRunning() throws StopSignal {
        worker.checkRunning();
        if (cancelled) {
            throw new StopSignal();
        }
    }
}
