package org.qmgr.engine.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.StoreWork;

/**
 * Runs every transaction of a store on a thread of its own, so that interrupting the caller cannot reach the
 * store's I/O. Karaf interrupts a shell command's thread on Ctrl-C, and the engine's callers may be interrupted
 * at any time; a JDK {@code FileChannel} is closed by an interrupt that lands during a read, write or force, and
 * the embedded H2 database then closes itself ("IO Exception ... 90028"), which took the whole queue down until
 * the outage back-off reopened it (measured in {@code InterruptedCallerTest}). The caller waits without being
 * interruptible and gets its interrupt back when the transaction is over, so a confirmed change is committed and
 * the interrupt is not lost.
 * <p>
 * The threads come from an unbounded pool that keeps idle threads for a minute: transactions still run as
 * concurrently as their callers, a nested transaction cannot starve, and an idle engine holds no thread.
 */
final class InterruptShieldedStore implements QueueStore {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final QueueStore store;
    private final ExecutorService io;

    InterruptShieldedStore(QueueStore store) {
        this.store = store;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "qmgr-store-io-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.io = pool;
    }

    @Override
    public <T> T read(StoreWork<T> work) {
        return shielded(() -> store.read(work));
    }

    @Override
    public <T> T write(StoreWork<T> work) {
        return shielded(() -> store.write(work));
    }

    private <T> T shielded(java.util.concurrent.Callable<T> call) {
        Future<T> result = io.submit(call);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the transaction runs on: wait for its outcome, then pass the interrupt on
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
