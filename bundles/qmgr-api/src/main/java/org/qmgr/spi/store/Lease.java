package org.qmgr.spi.store;

import java.util.Objects;
import java.util.UUID;

/**
 * The right of one node to work on one group, until {@code expiresAtMillis} (wall clock, shared between
 * nodes). The {@code epoch} rises whenever another node takes the group over; a commit carrying an old
 * epoch is refused (fencing).
 *
 * @param groupId          the group
 * @param nodeId           the holding node
 * @param epoch            the claim generation
 * @param expiresAtMillis  expiry, epoch milliseconds
 */
public record Lease(UUID groupId, String nodeId, long epoch, long expiresAtMillis) {

    /** Rejects {@code null} parts. */
    public Lease {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(nodeId, "nodeId");
    }
}
