package org.qmgr.spi.store;

import java.util.Objects;
import java.util.UUID;

/**
 * A stored file of a job: what to fetch, where to put it, and how far it got. Immutable; derive changed
 * copies with the {@code with…} methods.
 *
 * @param jobId            the job holding it
 * @param index            zero-based position in the job
 * @param remoteUrl        the URL exactly as added
 * @param localPath        the absolute local path exactly as added
 * @param sizeHint         the size hint as added (unsigned 32-bit, never used)
 * @param expectedSha256   expected SHA-256 (lower-case hex, spec P12), or {@code null}
 * @param totalBytes       the size the server announced, or -1 while unknown
 * @param bytesDone        bytes held in the temp file at the last checkpoint (the size once completed)
 * @param etag             the validator seen with the bytes held, or {@code null}
 * @param lastModifiedMillis the server's Last-Modified seen with the bytes held (epoch ms), or -1
 * @param tempPath         the temp file's path, or {@code null} when none was created
 * @param digestState      the serialized running digest of the bytes held, or {@code null}
 * @param completed        whether the file is committed to its local path
 * @param sha256           the SHA-256 of the committed file (lower-case hex), or {@code null}
 */
public record FileRecord(UUID jobId, int index, String remoteUrl, String localPath, long sizeHint,
                         String expectedSha256, long totalBytes, long bytesDone, String etag,
                         long lastModifiedMillis, String tempPath, byte[] digestState, boolean completed,
                         String sha256) {

    /** Rejects {@code null} where a value is required. */
    public FileRecord {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(remoteUrl, "remoteUrl");
        Objects.requireNonNull(localPath, "localPath");
        digestState = digestState == null ? null : digestState.clone();
    }

    /**
     * A new, pending file.
     *
     * @param jobId the job
     * @param index position in the job
     * @param remoteUrl the URL
     * @param localPath the local path
     * @param sizeHint the size hint
     * @param expectedSha256 expected digest or {@code null}
     * @return the record
     */
    public static FileRecord pending(UUID jobId, int index, String remoteUrl, String localPath, long sizeHint,
                                     String expectedSha256) {
        return new FileRecord(jobId, index, remoteUrl, localPath, sizeHint, expectedSha256, -1, 0, null, -1,
                null, null, false, null);
    }

    /** @return a copy of the serialized digest state, or {@code null} */
    @Override
    public byte[] digestState() {
        return digestState == null ? null : digestState.clone();
    }

    /**
     * @param newTotal the announced size, or -1
     * @return a copy with the size changed
     */
    public FileRecord withTotalBytes(long newTotal) {
        return new FileRecord(jobId, index, remoteUrl, localPath, sizeHint, expectedSha256, newTotal, bytesDone,
                etag, lastModifiedMillis, tempPath, digestState, completed, sha256);
    }

    /**
     * A progress checkpoint.
     *
     * @param newBytesDone bytes held in the temp file
     * @param newEtag validator seen, or {@code null}
     * @param newLastModifiedMillis Last-Modified seen, or -1
     * @param newTempPath temp file path, or {@code null}
     * @param newDigestState running digest state, or {@code null}
     * @return a copy with the progress changed
     */
    public FileRecord withProgress(long newBytesDone, String newEtag, long newLastModifiedMillis,
                                   String newTempPath, byte[] newDigestState) {
        return new FileRecord(jobId, index, remoteUrl, localPath, sizeHint, expectedSha256, totalBytes,
                newBytesDone, newEtag, newLastModifiedMillis, newTempPath, newDigestState, completed, sha256);
    }

    /**
     * The file committed to its local path.
     *
     * @param size its final size
     * @param digest its SHA-256 (lower-case hex)
     * @return a copy marked completed, without temp file or digest state
     */
    public FileRecord withCompleted(long size, String digest) {
        return new FileRecord(jobId, index, remoteUrl, localPath, sizeHint, expectedSha256, size, size, etag,
                lastModifiedMillis, null, null, true, digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileRecord f && f.jobId.equals(jobId) && f.index == index
                && f.remoteUrl.equals(remoteUrl) && f.localPath.equals(localPath) && f.sizeHint == sizeHint
                && Objects.equals(f.expectedSha256, expectedSha256) && f.totalBytes == totalBytes
                && f.bytesDone == bytesDone && Objects.equals(f.etag, etag)
                && f.lastModifiedMillis == lastModifiedMillis && Objects.equals(f.tempPath, tempPath)
                && java.util.Arrays.equals(f.digestState, digestState) && f.completed == completed
                && Objects.equals(f.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, index, remoteUrl, localPath, bytesDone, completed);
    }

    @Override
    public String toString() {
        return "FileRecord[" + jobId + "#" + index + ", " + remoteUrl + " -> " + localPath + ", " + bytesDone + "/"
                + totalBytes + (completed ? ", completed" : "") + "]";
    }
}
