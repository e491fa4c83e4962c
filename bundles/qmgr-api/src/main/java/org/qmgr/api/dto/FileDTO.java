package org.qmgr.api.dto;

/** A snapshot of one file of a job. */
public class FileDTO {
    /** Zero-based index within the job. */
    public int index;
    /** The remote URL exactly as added. */
    public String remoteFile;
    /** The absolute local path exactly as added. */
    public String localFile;
    /** The size hint as added (never used). */
    public long sizeHint;
    /** The size the server announced, or -1 while unknown. */
    public long totalBytes = -1;
    /** Bytes held so far (the whole size once committed). */
    public long bytesTransferred;
    /** Whether the file is committed to its local path. */
    public boolean completed;
    /** The expected SHA-256 given at {@code addFiles} (lower-case hex), or {@code null}. */
    public String expectedSha256;
    /** The SHA-256 of the committed file (lower-case hex), or {@code null} before commit. */
    public String sha256;
}
