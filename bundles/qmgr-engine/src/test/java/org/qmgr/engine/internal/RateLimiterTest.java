package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token bucket on a hand-moved clock: debt becomes waiting time, the rate applies live, 0 is unlimited. */
class RateLimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicLong rate = new AtomicLong(1_000_000);
    private final RateLimiter limiter = new RateLimiter(now::get, rate::get);

    @Test
    void aBurstOfATenthOfASecondIsFreeThenDebtIsWaitedOut() {
        assertThat(limiter.take(100_000)).isZero();
        assertThat(limiter.take(500_000)).isEqualTo(SECOND / 2);
        now.addAndGet(SECOND / 4);
        assertThat(limiter.take(0)).isEqualTo(SECOND / 4);
        now.addAndGet(SECOND / 4);
        assertThat(limiter.take(0)).isZero();
    }

    @Test
    void timeNeverAccruesMoreThanTheBurst() {
        limiter.take(0);
        now.addAndGet(60 * SECOND);
        assertThat(limiter.take(100_000)).isZero();
        assertThat(limiter.take(1_000)).isEqualTo(SECOND / 1000);
    }

    @Test
    void aRateChangeAppliesToTheDebtAlreadyOwed() {
        limiter.take(100_000);
        assertThat(limiter.take(1_000_000)).isEqualTo(SECOND);
        rate.set(2_000_000);
        assertThat(limiter.take(0)).isEqualTo(SECOND / 2);
        rate.set(0);
        assertThat(limiter.take(10_000_000)).isZero();
    }

    @Test
    void aLoweredRateLetsNoBurstAccruedAtTheOldRateThrough() {
        rate.set(10_000_000);
        limiter.take(0);
        now.addAndGet(SECOND);
        rate.set(100_000);
        // A full bucket at the old rate held a million bytes; the new one holds a tenth of a second's worth.
        assertThat(limiter.take(10_000)).isZero();
        assertThat(limiter.take(100_000)).isEqualTo(SECOND);
    }

    @Test
    void aRaisedRateShortensTheWaitAlreadyUnderWay() {
        rate.set(100_000);
        limiter.take(10_000);
        assertThat(limiter.take(100_000)).isEqualTo(SECOND);
        now.addAndGet(SECOND / 10);
        rate.set(1_000_000);
        // 90,000 bytes still owed, now at ten times the rate: 90 ms instead of 900 ms.
        assertThat(limiter.take(0)).isEqualTo(90 * SECOND / 1000);
    }

    @Test
    void readsAreAnEighthOfASecondWithinTheBuffer() {
        assertThat(limiter.readSize(64 * 1024)).isEqualTo(64 * 1024);
        rate.set(80_000);
        assertThat(limiter.readSize(64 * 1024)).isEqualTo(10_000);
        rate.set(1_000);
        assertThat(limiter.readSize(64 * 1024)).isEqualTo(4096);
        rate.set(0);
        assertThat(limiter.readSize(64 * 1024)).isEqualTo(64 * 1024);
    }
}
