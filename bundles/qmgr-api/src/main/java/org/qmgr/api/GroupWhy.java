package org.qmgr.api;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer of {@link BackgroundCopyGroup#why()}: why a group is or is not transferring, as a code for
 * programs and a sentence for people. A snapshot taken under the engine's lock from the scheduler's own state.
 *
 * @param code            the reason, never {@code null}
 * @param sentence        the reason in one English sentence, never {@code null}
 * @param until           when the wait ends if the engine knows it (the retry time of {@link WaitReason#RETRY_WAIT},
 *                        the end of the running slice for {@link WaitReason#QUEUED_FOR_TURN}), else {@code null}
 * @param win32Result     the Win32 code of the last error for {@link WaitReason#RETRY_WAIT} and
 *                        {@link WaitReason#ERROR}, else 0
 * @param transportResult the HTTP status of the last error, or 0
 * @param cap             for {@link WaitReason#BANDWIDTH_CAPPED} the configuration key of the cap holding the group
 *                        back (e.g. {@code backgroundMaxBytesPerSecond}), else {@code null}
 * @param blockedBy       the group that holds the slot this one waits for, or {@code null}
 * @since 1.2
 */
public record GroupWhy(WaitReason code, String sentence, Instant until, int win32Result, int transportResult,
                       String cap, UUID blockedBy) {

    /**
     * @throws QmgrInvalidArgumentException if {@code code} or {@code sentence} is {@code null}
     */
    public GroupWhy {
        if (code == null || sentence == null) {
            throw new QmgrInvalidArgumentException("a wait reason needs a code and a sentence");
        }
    }

    /**
     * An answer with only a code and a sentence.
     *
     * @param code     the reason
     * @param sentence the reason in words
     * @return the answer
     */
    public static GroupWhy of(WaitReason code, String sentence) {
        return new GroupWhy(code, sentence, null, 0, 0, null, null);
    }

    /**
     * The one-line form {@code CODE: sentence}, as {@code qmgr:why} prints it.
     *
     * @return the line, never {@code null}
     */
    public String line() {
        return code + ": " + sentence;
    }
}
