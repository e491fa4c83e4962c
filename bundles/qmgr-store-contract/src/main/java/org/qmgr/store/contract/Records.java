package org.qmgr.store.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;

/**
 * Sample records that exercise every column of a store: unicode beyond the BMP, 1,024-character strings,
 * values above 2^32, negative and extreme numbers, nulls, -1 markers, arbitrary bytes, ordered custom headers
 * and status words with the high bit set.
 */
public final class Records {

    /** Text with Latin, CJK, combining and supplementary (surrogate pair) characters. */
    public static final String UNICODE = "Grüße, 日本語 e\u0301 \uD83D\uDE00 ‰ \"quoted\" 'single' \\ ;";

    private Records() {
    }

    /**
     * @param prefix what the text starts with
     * @return a string of exactly 1,024 chars (UTF-16 units) of mixed unicode, no split surrogate pair
     */
    public static String long1024(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        int[] cps = (UNICODE + "abcdefghijklmnopqrstuvwxyz0123456789").codePoints().toArray();
        for (int i = 0; ; i++) {
            int cp = cps[i % cps.length];
            if (b.length() + Character.charCount(cp) > 1024) {
                break;
            }
            b.appendCodePoint(cp);
        }
        while (b.length() < 1024) {
            b.append('x');
        }
        return b.toString();
    }

    /**
     * @param id       the group id
     * @param sequence its sequence
     * @return a group whose every field differs from the defaults, with extreme values
     */
    public static GroupRecord fullGroup(UUID id, long sequence) {
        return new GroupRecord(id, long1024("owner "), sequence, GroupState.ERROR, true, "HIGH", 0x7FFF_FFFE,
                0xFFFF_FFFF, UUID.randomUUID(), long1024("name "), UNICODE + "\nsecond line\ttab",
                "üser " + UNICODE, "pässwörd \uD83D\uDD11", 5_000_000_000L, 100, 1L << 40, 0x80070005, 416,
                Integer.MAX_VALUE, 7, 1023, Long.MAX_VALUE, (1L << 33) + 1, Long.MIN_VALUE, customHeaders());
    }

    /**
     * @return custom headers a store must keep exactly, in this order: a value with a colon and a leading space,
     *         an empty value, unicode, tabs, a 1,024-character value, names that sort differently than they come
     */
    public static Map<String, String> customHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Zulu", "  two leading spaces: and a colon");
        headers.put("Cookie", "a=1; b=2");
        headers.put("x-empty", "");
        headers.put("X-Unicode", UNICODE + "\ttab");
        headers.put("X-Long", long1024("v "));
        headers.put("A-First", "last");
        return headers;
    }

    /**
     * @param id       the group id
     * @param sequence its new sequence
     * @return a second full variant with every field different from {@link #fullGroup}
     */
    public static GroupRecord otherFullGroup(UUID id, long sequence) {
        return new GroupRecord(id, "other owner", sequence, GroupState.TRANSFERRING, false, "LOW", 2, 3, null,
                "", "", null, null, 0, 0, 0, 0, 0, 0, -1, -1, 0, 4_294_967_296L, 4_294_967_297L);
    }

    /**
     * @param count how many bytes
     * @return bytes 0..255 repeated
     */
    public static byte[] bytes(int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /**
     * @param jobId the job
     * @param index the index
     * @return a file in mid-transfer with every optional field set and large values
     */
    public static FileRecord progressFile(UUID jobId, int index) {
        return new FileRecord(jobId, index, "https://example.com/" + long1024("ü/"), "/tmp/日本/" + index + " "
                + UNICODE, 0xFFFF_FFFFL, "ab".repeat(32), 5_000_000_000L, 4_294_967_297L, "W/\"étag\"",
                1L << 41, "/tmp/.qmgr-" + index + ".tmp", bytes(256), false, null);
    }

    /**
     * @param jobId the job
     * @param index the index
     * @return a completed file: no temp path, no digest state, a digest
     */
    public static FileRecord completedFile(UUID jobId, int index) {
        return progressFile(jobId, index).withCompleted(6_000_000_000L, "cd".repeat(32));
    }

    /**
     * @param jobId the job
     * @param first the first index
     * @param count how many
     * @return pending files with consecutive indices
     */
    public static List<FileRecord> pendingFiles(UUID jobId, int first, int count) {
        List<FileRecord> files = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            files.add(FileRecord.pending(jobId, i, "http://h/f" + i, "/tmp/f" + i, i, null));
        }
        return files;
    }

    /**
     * @param groupId  the group
     * @param sequence its outbox number
     * @return a notification with every optional field set and extreme values: a 1,024-character unicode owner,
     *         status words and codes with the high bit set, flags all ones, a timestamp above 2^32
     */
    public static QueueEvent fullNotification(UUID groupId, long sequence) {
        return new QueueEvent(QueueEvent.Type.FILE_COMMITTED, groupId, long1024("owner "), UUID.randomUUID(),
                Integer.MAX_VALUE, 0x8000_0101, Integer.MAX_VALUE, 0x80190194, 0xFFFF_FFF0, 0xFFFF_FFFF,
                UUID.randomUUID(), (1L << 41) + 3, sequence);
    }

    /**
     * @param groupId  the group
     * @param sequence its outbox number
     * @return a notification without job or class id, file index -1, the smallest int and long values
     */
    public static QueueEvent bareNotification(UUID groupId, long sequence) {
        return new QueueEvent(QueueEvent.Type.GROUP_ERROR, groupId, "", null, -1, Integer.MIN_VALUE, 0,
                0x80000000, -1, 0, null, Long.MIN_VALUE, sequence);
    }
}
