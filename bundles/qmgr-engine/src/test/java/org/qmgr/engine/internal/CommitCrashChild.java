package org.qmgr.engine.internal;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.spi.store.QueueStore;

/**
 * The child JVM of {@link CommitCrashTest}: an engine on an embedded H2 file store downloads one file and dies
 * like a killed process ({@link Runtime#halt}: no shutdown hooks, no engine stop, no store close) the moment
 * the file's commit reaches the given step. Exits with {@link #HALTED} only from there; any other exit code
 * means the step was never reached.
 */
public final class CommitCrashChild {

    /** The exit code of a halt at the commit step. */
    static final int HALTED = 42;

    private CommitCrashChild() {
    }

    /**
     * @param args the H2 database's directory, the remote URL, the local path, the group id, the job id, and
     *             the {@link LocalDisk.CommitStep} to halt at
     */
    public static void main(String[] args) throws Exception {
        Path dbDir = Path.of(args[0]);
        LocalDisk.CommitStep haltAt = LocalDisk.CommitStep.valueOf(args[5]);
        LocalDisk crashing = new LocalDisk() {
            @Override
            public void reached(CommitStep step, Path local) {
                if (step == haltAt) {
                    Runtime.getRuntime().halt(HALTED);
                }
            }
        };
        QueueStore store = H2Database.embeddedStoreHeldOpen(dbDir, CommitCrashTest.DATABASE);
        EngineFixture fixture = new EngineFixture(EngineFixture.settings().build(), store, crashing);
        BackgroundCopyGroup group = fixture.client().createGroup(UUID.fromString(args[3]));
        group.createJob(UUID.fromString(args[4])).addFile(args[1], args[2]);
        group.resume();
        // Only the halt ends this JVM well; the latch is never counted down.
        new CountDownLatch(1).await(60, TimeUnit.SECONDS);
        Runtime.getRuntime().halt(1);
    }
}
