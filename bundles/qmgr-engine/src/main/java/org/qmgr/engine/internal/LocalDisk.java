package org.qmgr.engine.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The transfers' access to the destination disk, reduced to the two places where tests must inject what a real
 * disk does rarely and a unit test cannot provoke portably: opening a temp file (whose channel a test makes run
 * out of space after some bytes, spec §4.10 {@code ERROR_DISK_FULL}) and the steps of committing a file (at which
 * a test halts the JVM, to prove a crash at each one leaves exactly one correct file). Production uses
 * {@link #REAL}: plain {@link FileChannel#open} and no hooks. Passed in (never a static), so tests of one engine
 * cannot reach another.
 */
interface LocalDisk {

    /** The steps of committing one file, in the order they happen. */
    enum CommitStep {
        /** Every byte is in the temp file and forced to the device; nothing is committed yet. */
        FLUSHED,
        /** The temp file is renamed onto the local path, inside the store transaction still open. */
        RENAMED,
        /** The batch's directories are synced; the store transaction is still open. */
        DIRECTORIES_SYNCED,
        /** The store transaction recording the file complete has committed. */
        STORED
    }

    /** The real disk: what the engine does without a test. */
    LocalDisk REAL = new LocalDisk() {
    };

    /**
     * Opens (creating it if need be) a temp file for reading and writing.
     *
     * @throws IOException as {@link FileChannel#open} does
     */
    default FileChannel openTemp(Path temp) throws IOException {
        // Never through a symbolic link: the temp file's name is predictable, and a link planted under it would
        // send the bytes (and the truncation to the checkpoint) to the link's target.
        return FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * A file's commit reached a step (on the thread committing it); does nothing outside tests.
     *
     * @param step  the step just done
     * @param local the file's local path
     */
    default void reached(CommitStep step, Path local) {
    }
}
