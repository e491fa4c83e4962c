package org.qmgr.engine.internal;

import org.qmgr.api.BackgroundPriority;

/**
 * The throughput caps of {@link EngineConfig}, in bytes per second, validated: 0 means "no cap of its own"
 * everywhere (and for the step-aside rate: no stepping aside).
 *
 * @param backgroundMax the global cap of all background transfers together
 * @param highMax       the cap of the {@link BackgroundPriority#HIGH} background transfers together
 * @param normalMax     the cap of the {@link BackgroundPriority#NORMAL} background transfers together
 * @param lowMax        the cap of the {@link BackgroundPriority#LOW} background transfers together
 * @param foregroundMax the cap of all foreground transfers together
 * @param stepAside     what all background transfers together drop to while a foreground group transfers
 */
record BandwidthSettings(long backgroundMax, long highMax, long normalMax, long lowMax, long foregroundMax,
                         long stepAside) {

    /** @throws IllegalArgumentException naming the key and value when a cap is negative */
    static BandwidthSettings from(EngineConfig c) {
        return new BandwidthSettings(
                nonNegative("backgroundMaxBytesPerSecond", c.backgroundMaxBytesPerSecond()),
                nonNegative("highMaxBytesPerSecond", c.highMaxBytesPerSecond()),
                nonNegative("normalMaxBytesPerSecond", c.normalMaxBytesPerSecond()),
                nonNegative("lowMaxBytesPerSecond", c.lowMaxBytesPerSecond()),
                nonNegative("foregroundMaxBytesPerSecond", c.foregroundMaxBytesPerSecond()),
                nonNegative("backgroundStepAsideBytesPerSecond", c.backgroundStepAsideBytesPerSecond()));
    }

    /** @return the own cap of background transfers of this priority, 0 for none */
    long priorityMax(BackgroundPriority priority) {
        return switch (priority) {
            case HIGH -> highMax;
            case NORMAL -> normalMax;
            case LOW -> lowMax;
        };
    }

    private static long nonNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(EngineConfig.PID + ": " + key + " = " + value
                    + " is negative; it must be 0 or more bytes per second");
        }
        return value;
    }
}
