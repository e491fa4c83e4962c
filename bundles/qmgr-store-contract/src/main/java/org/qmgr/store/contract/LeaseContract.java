package org.qmgr.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qmgr.spi.store.QueueStoreException.Reason.LEASE_LOST;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.Lease;

/**
 * Part of the {@link QueueStoreContract}: leases: claims of free, expired and own leases, refusal while another
 * node's lease is live, epochs rising on takeover, fencing of renew and verify, release. A TTL of zero makes a
 * lease expire at once.
 */
public abstract class LeaseContract extends NotificationContract {

    private static final Duration LIVE = Duration.ofMinutes(10);

    /** @return the lease, failing the test when the claim was refused */
    private Lease claim(UUID group, String node, Duration ttl) {
        return tryClaim(group, node, ttl).orElseThrow(() -> new AssertionError(node + " could not claim " + group));
    }

    private Optional<Lease> tryClaim(UUID group, String node, Duration ttl) {
        return store.write(tx -> tx.claim(group, node, ttl));
    }

    private void verify(Lease lease) {
        store.read(tx -> {
            tx.verify(lease);
            return null;
        });
    }

    @Test
    void aFreeGroupIsClaimedUntilNowPlusTtl() {
        UUID group = newGroup(store);
        long before = System.currentTimeMillis();
        Lease lease = claim(group, "node-a", LIVE);
        long after = System.currentTimeMillis();

        assertThat(lease.groupId()).isEqualTo(group);
        assertThat(lease.nodeId()).isEqualTo("node-a");
        assertThat(lease.epoch()).isPositive();
        assertThat(lease.expiresAtMillis()).isBetween(before + LIVE.toMillis(), after + LIVE.toMillis());
        verify(lease);
    }

    @Test
    void theHolderClaimsAgainWithTheSameEpoch() {
        UUID group = newGroup(store);
        Lease first = claim(group, "node-a", LIVE);
        Lease again = claim(group, "node-a", LIVE.multipliedBy(2));
        assertThat(again.epoch()).isEqualTo(first.epoch());
        assertThat(again.expiresAtMillis()).isGreaterThan(first.expiresAtMillis());

        Lease expired = claim(group, "node-a", Duration.ZERO);
        Lease afterExpiry = claim(group, "node-a", LIVE);
        assertThat(expired.epoch()).isEqualTo(first.epoch());
        assertThat(afterExpiry.epoch()).isEqualTo(first.epoch());
        verify(first);
    }

    @Test
    void anotherNodeIsRefusedWhileTheLeaseIsLive() {
        UUID group = newGroup(store);
        Lease held = claim(group, "node-a", LIVE);

        assertThat(tryClaim(group, "node-b", LIVE)).isEmpty();
        assertThat(tryClaim(group, "node-b", Duration.ZERO)).isEmpty();
        verify(held);
        assertThat(claim(group, "node-a", LIVE).epoch()).isEqualTo(held.epoch());
    }

    @Test
    void anotherNodeTakesAnExpiredLeaseOverWithTheNextEpoch() {
        UUID group = newGroup(store);
        Lease a = claim(group, "node-a", Duration.ZERO);
        Lease b = claim(group, "node-b", LIVE);
        assertThat(b.nodeId()).isEqualTo("node-b");
        assertThat(b.epoch()).isEqualTo(a.epoch() + 1);

        Lease bExpired = claim(group, "node-b", Duration.ZERO);
        Lease c = claim(group, "node-c", LIVE);
        assertThat(bExpired.epoch()).isEqualTo(b.epoch());
        assertThat(c.epoch()).isEqualTo(b.epoch() + 1);
        verify(c);
    }

    @Test
    void afterATakeoverTheOldHolderIsFenced() {
        UUID group = newGroup(store);
        Lease a = claim(group, "node-a", Duration.ZERO);
        Lease b = claim(group, "node-b", LIVE);

        assertFails(LEASE_LOST, () -> verify(a));
        assertFails(LEASE_LOST, () -> store.write(tx -> tx.renew(a, LIVE)));
        assertThat(tryClaim(group, "node-a", LIVE)).isEmpty();
        write(tx -> tx.release(a));
        verify(b);
    }

    @Test
    void renewExtendsALeaseStillHeldAndKeepsItsEpoch() {
        UUID group = newGroup(store);
        Lease lease = claim(group, "node-a", Duration.ZERO);
        long before = System.currentTimeMillis();
        Lease renewed = store.write(tx -> tx.renew(lease, LIVE));

        assertThat(renewed.epoch()).isEqualTo(lease.epoch());
        assertThat(renewed.nodeId()).isEqualTo("node-a");
        assertThat(renewed.expiresAtMillis()).isGreaterThanOrEqualTo(before + LIVE.toMillis());
        assertThat(tryClaim(group, "node-b", LIVE)).isEmpty();
        verify(renewed);
        verify(lease);
    }

    @Test
    void aLeaseThatWasNeverHeldIsLost() {
        UUID group = newGroup(store);
        Lease never = new Lease(group, "node-a", 1, Long.MAX_VALUE);
        assertFails(LEASE_LOST, () -> verify(never));
        assertFails(LEASE_LOST, () -> store.write(tx -> tx.renew(never, LIVE)));

        Lease held = claim(group, "node-a", LIVE);
        assertFails(LEASE_LOST, () -> verify(new Lease(group, "node-a", held.epoch() + 1, held.expiresAtMillis())));
        assertFails(LEASE_LOST, () -> verify(new Lease(group, "node-b", held.epoch(), held.expiresAtMillis())));
        assertFails(LEASE_LOST, () -> verify(new Lease(UUID.randomUUID(), "node-a", held.epoch(), 0)));
    }

    @Test
    void releaseFreesTheGroupForAnyNode() {
        UUID group = newGroup(store);
        Lease a = claim(group, "node-a", LIVE);
        write(tx -> tx.release(a));

        assertFails(LEASE_LOST, () -> verify(a));
        assertFails(LEASE_LOST, () -> store.write(tx -> tx.renew(a, LIVE)));
        Lease b = claim(group, "node-b", LIVE);
        assertThat(b.epoch()).isGreaterThanOrEqualTo(a.epoch());
        write(tx -> tx.release(a));
        verify(b);
        write(tx -> tx.release(b));
        write(tx -> tx.release(b));
        assertFails(LEASE_LOST, () -> verify(b));
    }

    @Test
    void leasesArePerGroup() {
        UUID one = newGroup(store);
        UUID two = newGroup(store);
        Lease a = claim(one, "node-a", LIVE);
        Lease b = claim(two, "node-b", LIVE);

        assertThat(tryClaim(one, "node-b", LIVE)).isEmpty();
        assertThat(tryClaim(two, "node-a", LIVE)).isEmpty();
        write(tx -> tx.release(a));
        verify(b);
        assertFails(LEASE_LOST, () -> verify(new Lease(two, "node-a", a.epoch(), 0)));
    }

    @Test
    void deletingTheGroupDropsItsLease() {
        UUID group = newGroup(store);
        Lease lease = claim(group, "node-a", LIVE);
        write(tx -> tx.deleteGroup(group));
        assertFails(LEASE_LOST, () -> verify(lease));
    }

    @Test
    void aLostLeaseRollsBackTheFencedCommit() {
        UUID group = newGroup(store);
        Lease a = claim(group, "node-a", Duration.ZERO);
        claim(group, "node-b", LIVE);
        GroupRecord before = group(group).orElseThrow();

        assertFails(LEASE_LOST, () -> write(tx -> {
            tx.updateGroup(before.toBuilder().retries(5).build());
            tx.verify(a);
        }));
        assertThat(group(group)).contains(before);
    }
}
