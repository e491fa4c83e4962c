package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.qmgr.api.Win32Results;
import org.qmgr.spi.transport.TransportException;

/** The bounds on a server's {@code Retry-After}: which statuses, the 24-hour cap, the no-progress deadline. */
class RetryAfterTest {

    private static final Duration MIN = Duration.ofSeconds(5);
    private static final Duration BUDGET = Duration.ofDays(14);

    @Test
    void onlyServiceUnavailableAndTooManyRequestsAreHonoured() {
        assertThat(RetryAfter.honoured(503, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.honoured(429, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.honoured(500, Duration.ofSeconds(120))).isNull();
        assertThat(RetryAfter.honoured(0, Duration.ofSeconds(120))).isNull();
        assertThat(RetryAfter.honoured(503, null)).isNull();
    }

    @Test
    void aHostileWaitIsCappedAtADay() {
        assertThat(RetryAfter.honoured(503, Duration.ofDays(400))).isEqualTo(Duration.ofHours(24));
        assertThat(RetryAfter.honoured(429, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.honoured(503, Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
        assertThat(RetryAfter.honoured(503, Duration.ofSeconds(-3))).isEqualTo(Duration.ZERO);
    }

    @Test
    void theDelayIsTheLongerOfTheMinimumAndTheServersWait() {
        assertThat(RetryAfter.delay(MIN, null, BUDGET)).isEqualTo(MIN);
        assertThat(RetryAfter.delay(MIN, Duration.ofSeconds(1), BUDGET)).isEqualTo(MIN);
        assertThat(RetryAfter.delay(MIN, Duration.ofMinutes(10), BUDGET)).isEqualTo(Duration.ofMinutes(10));
        assertThat(RetryAfter.delay(MIN, RetryAfter.MAX, BUDGET)).isEqualTo(Duration.ofHours(24));
    }

    /** The no-progress timeout applies as before: the server's wait ends at its deadline, not after it. */
    @Test
    void theServersWaitStopsAtTheNoProgressDeadlineButNeverBelowTheMinimum() {
        assertThat(RetryAfter.delay(MIN, Duration.ofHours(2), Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
        assertThat(RetryAfter.delay(MIN, Duration.ofHours(2), Duration.ofSeconds(1))).isEqualTo(MIN);
        assertThat(RetryAfter.delay(MIN, Duration.ofHours(2), Duration.ofSeconds(-1))).isEqualTo(MIN);
    }

    /** What the transport reports reaches the failure the scheduler reads, capped. */
    @Test
    void theClassifierCarriesTheCappedWaitOfA503() {
        TransferFailure f = FailureClassifier.fromTransport(
                TransportException.httpStatus(503, Duration.ofDays(3), "http://example.org/f"));

        assertThat(f.isTransient()).isTrue();
        assertThat(f.win32Result()).isEqualTo(Win32Results.ERROR_SUCCESS);
        assertThat(f.transportResult()).isEqualTo(503);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(FailureClassifier.fromTransport(TransportException.httpStatus(500, Duration.ofSeconds(9),
                "http://example.org/f")).retryAfter()).isNull();
    }
}
