package org.qmgr.engine.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.qmgr.spi.store.FileRecord;

/**
 * Names a file's temp file ({@code BIT<16 hex>.tmp} beside its local path, spec §1.5): the name the store
 * recorded, else one derived from the job and the file's index. A derived name is the same on every attempt,
 * so a transfer need not store the name before its first byte: whatever a crash left under it is found (and
 * cut to the stored checkpoint) by the next attempt, and deleted by a cancel.
 */
final class TempFiles {

    private TempFiles() {
    }

    /** @return the file's temp file: the recorded one, or the derived one in the local path's directory */
    static Path of(FileRecord f) {
        if (f.tempPath() != null) {
            return Path.of(f.tempPath());
        }
        Path local = Path.of(f.localPath());
        Path dir = local.getParent();
        String name = "BIT" + derivedId(f) + ".tmp";
        return dir == null ? Path.of(name) : dir.resolve(name);
    }

    /** 64 bits of SHA-256 over the job id and index: unique among the files a directory receives. */
    private static String derivedId(FileRecord f) {
        ByteBuffer key = ByteBuffer.allocate(20);
        key.putLong(f.jobId().getMostSignificantBits()).putLong(f.jobId().getLeastSignificantBits())
                .putInt(f.index());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.array());
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
