package org.qmgr.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures the heap: what is live after forced collections ({@link #settledUsed()}), and the most in use
 * since {@link #resetPeak()}, garbage included.
 */
public final class HeapMeter {

    private static final double MIB = 1024.0 * 1024.0;
    private static final int MAX_COLLECTIONS = 8;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    /**
     * Collects until the used heap stops shrinking (by less than 1 % or 256 KiB), so that what is left is what
     * is reachable; a single {@code System.gc()} can leave finalizable or soft-referenced objects behind.
     *
     * @return the heap in use, in bytes
     */
    public long settledUsed() {
        long previous = Long.MAX_VALUE;
        long used = usedNow();
        for (int i = 0; i < MAX_COLLECTIONS; i++) {
            System.gc();
            used = usedNow();
            if (previous - used < Math.max(256 * 1024, used / 100)) {
                break;
            }
            previous = used;
        }
        return used;
    }

    /** Starts a new peak measurement. */
    public void resetPeak() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /**
     * @return the sum of each heap pool's peak use since {@link #resetPeak()}, in bytes: an upper bound of the
     *         heap in use at once (the pools peak at different moments), garbage included
     */
    public long peak() {
        return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** @return the bytes as MiB */
    public static double mib(long bytes) {
        return bytes / MIB;
    }

    private static long usedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
