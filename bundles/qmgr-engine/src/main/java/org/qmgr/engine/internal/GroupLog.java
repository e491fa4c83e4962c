package org.qmgr.engine.internal;

import java.util.UUID;

import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.GroupState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line per group state change, in the stable category {@value #CATEGORY}:
 * {@code group <id> <OLD> -> <NEW>[: reason]}, where a new group's old state is {@code NEW} and a deleted one's
 * new state is {@code CANCELLED}. Every change of a cached group record passes through
 * {@link GroupEntry#record(GroupRecord, String)}, which calls this; nothing here is logged per chunk. A reason
 * holds error kinds and transport messages (URLs already redacted by the transports), never credentials.
 */
final class GroupLog {

    /** The logger name operators filter on; a stable contract, unlike class names. */
    static final String CATEGORY = "org.qmgr.engine.groups";
    /** The old state of a group that did not exist before. */
    static final String NEW = "NEW";
    /** The new state of a deleted group (the store keeps no CANCELLED record). */
    static final String CANCELLED = "CANCELLED";

    private static final Logger LOG = LoggerFactory.getLogger(CATEGORY);

    private GroupLog() {
    }

    /** A group was created (SUSPENDED). */
    static void created(GroupRecord r) {
        line(r.groupId(), NEW, r.state().name(), null);
    }

    /** A group was cancelled (deleted) while in {@code old}; {@code reason} may be {@code null}. */
    static void cancelled(UUID groupId, GroupState old, String reason) {
        line(groupId, old.name(), CANCELLED, reason);
    }

    /**
     * A cached record changed; logs only when its state did.
     *
     * @param reason why, or {@code null} to derive one: the error of an ERROR or RETRY_WAIT record, the retry
     *               count when a retry is due
     * @param error  the last failure in words, or {@code null}
     */
    static void changed(GroupRecord old, GroupRecord now, String reason, String error) {
        if (old == null || old.state() == now.state()) {
            return;
        }
        line(now.groupId(), old.state().name(), now.state().name(), reason != null ? reason : derived(old, now, error));
    }

    private static String derived(GroupRecord old, GroupRecord now, String error) {
        return switch (now.state()) {
            case ERROR, RETRY_WAIT -> {
                String kind = ErrorKinds.of(now.win32Result(), now.transportResult());
                yield error == null ? kind : kind + " " + error;
            }
            case QUEUED -> old.state() == GroupState.RETRY_WAIT ? "retry " + now.retries() : null;
            default -> null;
        };
    }

    private static void line(UUID groupId, String from, String to, String reason) {
        if (reason == null) {
            LOG.info("group {} {} -> {}", groupId, from, to);
        } else {
            LOG.info("group {} {} -> {}: {}", groupId, from, to, reason);
        }
    }
}
