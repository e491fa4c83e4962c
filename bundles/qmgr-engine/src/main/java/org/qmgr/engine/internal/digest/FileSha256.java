package org.qmgr.engine.internal.digest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running SHA-256 of one temp file: fed as bytes arrive, checkpointed with the byte offset, finished
 * once the file is whole. A file resumed from a state may be finished by the portable digest (when the JDK
 * one cannot import states); a restart from byte 0 always goes back to the fast streaming digest.
 */
public final class FileSha256 {

    private static final Logger LOG = LoggerFactory.getLogger(FileSha256.class);
    private static final int READ_SIZE = 64 * 1024;
    /** The JDK digest takes arrays: a direct buffer is hashed through a copy this large, small enough for L1. */
    private static final int STAGING_SIZE = 16 * 1024;

    private final JdkSha256.Access access;
    private ResumableSha256 digest;
    private byte[] staging;

    private FileSha256(JdkSha256.Access access, ResumableSha256 digest) {
        this.access = access;
        this.digest = digest;
    }

    /** @return a digest of no bytes yet */
    static FileSha256 fresh() {
        return fresh(Sha256Digests.access());
    }

    /** @return a digest continuing from {@code state} */
    static FileSha256 resumed(Sha256State state) {
        return resumed(state, Sha256Digests.access());
    }

    /**
     * The digest after the first {@code held} bytes of a temp file: continued from the checkpointed state
     * when it covers exactly those bytes, else (logged at DEBUG) computed by reading them again.
     *
     * @param checkpoint the state checkpointed with the file, or {@code null}
     * @param temp       the temp file, holding at least {@code held} bytes
     * @param held       the bytes kept from the temp file
     * @param file       names the file in the log
     * @return the digest, ready for byte {@code held}
     * @throws IOException when the temp file cannot be read
     */
    public static FileSha256 resume(byte[] checkpoint, FileChannel temp, long held, String file) throws IOException {
        if (held == 0) {
            return fresh();
        }
        if (checkpoint == null) {
            LOG.debug("{}: no digest state checkpointed, rehashing the {} bytes held", file, held);
        } else {
            try {
                Sha256State state = Sha256State.decode(checkpoint);
                if (state.byteCount() == held) {
                    return resumed(state);
                }
                LOG.debug("{}: digest state covers {} bytes, {} held; rehashing", file, state.byteCount(), held);
            } catch (DigestStateException e) {
                LOG.debug("{}: {}; rehashing the {} bytes held", file, e.getMessage(), held);
            }
        }
        FileSha256 digest = fresh();
        digest.rehash(temp, held);
        return digest;
    }

    static FileSha256 fresh(JdkSha256.Access access) {
        return new FileSha256(access, Sha256Digests.newDigest(access));
    }

    static FileSha256 resumed(Sha256State state, JdkSha256.Access access) {
        return new FileSha256(access, Sha256Digests.resume(state, access));
    }

    private void rehash(FileChannel temp, long length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(READ_SIZE);
        for (long position = 0; position < length; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - position));
            int n = temp.read(buffer, position);
            if (n < 0) {
                throw new IOException("temp file ended at byte " + position + " of " + length + " held");
            }
            digest.update(buffer.array(), 0, n);
            position += n;
        }
    }

    /** Adds {@code length} bytes of {@code data} from {@code offset}. */
    public void update(byte[] data, int offset, int length) {
        digest.update(data, offset, length);
    }

    /** Adds the bytes between {@code data}'s position and limit; its position ends at its limit. */
    public void update(ByteBuffer data) {
        if (data.hasArray()) {
            digest.update(data.array(), data.arrayOffset() + data.position(), data.remaining());
            data.position(data.limit());
            return;
        }
        if (staging == null) {
            staging = new byte[STAGING_SIZE];
        }
        while (data.hasRemaining()) {
            int n = Math.min(staging.length, data.remaining());
            data.get(staging, 0, n);
            digest.update(staging, 0, n);
        }
    }

    /** @return the encoded state after the bytes added so far, or {@code null} when it cannot be exported */
    public byte[] checkpoint() {
        Sha256State state = digest.exportState();
        return state == null ? null : state.encode();
    }

    /** Starts over from byte 0 with the streaming digest. */
    public void restart() {
        digest = Sha256Digests.newDigest(access);
    }

    /** @return the digest of the bytes added, as lower-case hex */
    public String finish() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
