package org.qmgr.store.memory.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.JobRecord;
import org.qmgr.spi.store.Lease;

/** The data of the memory store; guarded by {@link MemoryQueueStore}'s lock. */
final class MemoryTables {
    final Map<UUID, GroupRecord> groups = new LinkedHashMap<>();
    final Map<UUID, JobRecord> jobs = new LinkedHashMap<>();
    final Map<UUID, List<FileRecord>> files = new LinkedHashMap<>();
    final Map<UUID, Lease> leases = new LinkedHashMap<>();
    /** The outbox: stored notifications by sequence. */
    final NavigableMap<Long, QueueEvent> notifications = new TreeMap<>();
    long sequence;

}
