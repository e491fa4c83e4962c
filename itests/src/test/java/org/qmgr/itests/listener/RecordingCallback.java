package org.qmgr.itests.listener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.api.callback.StatusNotification;

/**
 * The listener of CallbackCrashIT: appends one line per {@code onStatus} call to {@value RecorderActivator#RESULTS}
 * with every argument and the identity of this JVM, then, while the {@value RecorderActivator#BLOCK} file exists,
 * does not return, so the notification stays unacknowledged until the test kills the JVM.
 */
public final class RecordingCallback implements BackgroundCopyCallback {

    private static final long POLL_MILLIS = 100;

    private final Path dir;
    private final Path localPath;
    private final CountDownLatch stopped = new CountDownLatch(1);

    RecordingCallback(Path dir, Path localPath) {
        this.dir = dir;
        this.localPath = localPath;
    }

    @Override
    public void onStatus(StatusNotification n) throws Exception {
        String line = "jvm=" + RecorderActivator.JVM
                + " group=" + n.group().getGroupId()
                + " job=" + (n.job() == null ? "null" : n.job().getJobId())
                + " fileIndex=" + n.fileIndex()
                + " status=0x" + Integer.toHexString(n.status())
                + " retries=" + n.numOfRetries()
                + " win32=" + n.win32Result()
                + " transport=" + n.transportResult()
                + " time=" + n.timeMillis()
                + " fileExists=" + Files.isRegularFile(localPath)
                + " thread=" + Thread.currentThread().getName().replace(' ', '_')
                + "\n";
        append(line);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(RecorderActivator.MAX_BLOCK_MINUTES);
        // The test kill -9s the JVM meanwhile; stop() releases the latch on an orderly shutdown.
        while (Files.exists(dir.resolve(RecorderActivator.BLOCK)) && System.nanoTime() < deadline
                && !stopped.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            // blocked: the notification is not acknowledged while this runs
        }
    }

    /** Lets a blocked {@link #onStatus} return: the bundle is stopping. */
    void release() {
        stopped.countDown();
    }

    /** One write of a whole line, forced to disk, so a kill right after it cannot lose or cut it. */
    private synchronized void append(String line) throws IOException {
        Files.writeString(dir.resolve(RecorderActivator.RESULTS), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
    }
}
