package org.qmgr.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theRateIsBytesOverTheSpanOfTheLastFewSeconds() {
        RateMeter meter = new RateMeter();
        assertThat(meter.sample(0, 0)).isEqualTo(-1);
        assertThat(meter.sample(SECOND, 1000)).isEqualTo(1000);
        assertThat(meter.sample(2 * SECOND, 3000)).isEqualTo(1500);
        // samples older than five seconds leave the window: at 7 s it spans 2 s..7 s
        assertThat(meter.sample(6 * SECOND, 7000)).isEqualTo(1200);
        assertThat(meter.sample(7 * SECOND, 7000)).isEqualTo(800);
    }

    @Test
    void aCountThatGoesBackStartsAfresh() {
        RateMeter meter = new RateMeter();
        meter.sample(0, 5000);
        meter.sample(SECOND, 6000);
        assertThat(meter.sample(2 * SECOND, 0)).isEqualTo(-1);
        assertThat(meter.sample(3 * SECOND, 500)).isEqualTo(500);
    }
}
