package org.qmgr.engine.internal;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The rate of the bucket all background transfers share: the global background cap, lowered to the
 * step-aside rate while a foreground group transfers on this engine. Read live on every chunk, so a change
 * of either (or of the foreground activity) reaches running transfers at their next payment.
 */
final class BackgroundRate implements LongSupplier {

    private final Supplier<BandwidthSettings> settings;
    /** Set by the scheduler ({@link Bandwidth#refresh}); read per chunk without the engine lock. */
    private volatile boolean steppingAside;

    BackgroundRate(Supplier<BandwidthSettings> settings) {
        this.settings = settings;
    }

    /** @return whether background transfers are held to the step-aside rate */
    boolean steppingAside() {
        return steppingAside;
    }

    /** @param value whether a foreground group transfers now */
    void steppingAside(boolean value) {
        steppingAside = value;
    }

    /** @return the configuration key of the rate {@link #getAsLong()} answers now */
    String capKey() {
        BandwidthSettings s = settings.get();
        return steppingAside && lower(s.backgroundMax(), s.stepAside()) != s.backgroundMax()
                ? "backgroundStepAsideBytesPerSecond" : "backgroundMaxBytesPerSecond";
    }

    /** @return bytes per second for background transfers together, 0 for unlimited */
    @Override
    public long getAsLong() {
        BandwidthSettings s = settings.get();
        return steppingAside ? lower(s.backgroundMax(), s.stepAside()) : s.backgroundMax();
    }

    /** The lower of two rates where 0 means unlimited: stepping aside never raises a cap. */
    static long lower(long rate, long other) {
        if (rate <= 0) {
            return other;
        }
        return other <= 0 ? rate : Math.min(rate, other);
    }
}
