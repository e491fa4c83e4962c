package org.qmgr.api;

/**
 * One file of a job, the Java form of {@code FILESETINFO} (§2.6, §6.2), plus the optional expected digest of the
 * integrity extension (P12).
 *
 * <p>The constructor performs <b>no</b> validation: {@code null}, empty, relative or otherwise bad values are
 * carried as given so that {@code addFiles} can reject the whole batch with {@code E_INVALIDARG} (or the
 * specific code of §2.3.4), all-or-nothing. {@code getFile} returns the strings exactly as added.
 *
 * @param remoteFile     the URL, used verbatim (never escaped); at most 2,200 characters (§2.6)
 * @param localFile      the absolute local path (§2.6, P9)
 * @param sizeHint       the size hint, an unsigned DWORD; stored and echoed, never used
 * @param expectedSha256 {@code null}, or the expected SHA-256 of the file as 64 hex digits; a mismatch is a
 *                       fatal error (P12)
 */
public record FileSetInfo(String remoteFile, String localFile, int sizeHint, String expectedSha256) {

    /**
     * A file with size hint 0 and no expected digest. No validation.
     *
     * @param remoteFile the URL
     * @param localFile  the local path
     */
    public FileSetInfo(String remoteFile, String localFile) {
        this(remoteFile, localFile, 0, null);
    }

    /**
     * A file with a size hint and no expected digest. No validation.
     *
     * @param remoteFile the URL
     * @param localFile  the local path
     * @param sizeHint   the size hint (unsigned DWORD bits)
     */
    public FileSetInfo(String remoteFile, String localFile, int sizeHint) {
        this(remoteFile, localFile, sizeHint, null);
    }

    /**
     * The size hint read as an unsigned DWORD (§2.6).
     *
     * @return 0..0xFFFFFFFF
     */
    public long sizeHintUnsigned() {
        return Integer.toUnsignedLong(sizeHint);
    }
}
