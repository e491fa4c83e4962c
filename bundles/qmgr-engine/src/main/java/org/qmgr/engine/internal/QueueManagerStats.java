package org.qmgr.engine.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.qmgr.spi.store.GroupState;

/** Answers {@link QueueManagerMXBean} from an engine's queue cache and {@link TransferMetrics}. */
final class QueueManagerStats implements QueueManagerMXBean {

    private final QueueCore core;

    QueueManagerStats(QueueCore core) {
        this.core = core;
    }

    @Override
    public Map<String, Integer> getGroupsByState() {
        Map<GroupState, Integer> counts = new EnumMap<>(GroupState.class);
        for (GroupState s : GroupState.values()) {
            counts.put(s, 0);
        }
        synchronized (core.lock) {
            core.groups.values().forEach(g -> counts.merge(g.record().state(), 1, Integer::sum));
        }
        Map<String, Integer> named = new LinkedHashMap<>();
        counts.forEach((state, n) -> named.put(state.name(), n));
        return named;
    }

    @Override
    public int getActiveTransfers() {
        synchronized (core.lock) {
            return (int) core.groups.values().stream().filter(g -> g.worker != null).count();
        }
    }

    @Override
    public long getBytesTransferred() {
        return core.metrics().bytesTransferred();
    }

    @Override
    public long getThroughput() {
        return core.metrics().throughput();
    }

    @Override
    public Map<String, Long> getErrorsByKind() {
        return core.metrics().errorsByKind();
    }
}
