package org.qmgr.callbacks.internal;

import java.util.UUID;

import org.qmgr.api.ProgressType;
import org.qmgr.spi.notify.ProgressEvent;
import org.qmgr.spi.notify.QueueEvent;

/** Queue events as the engine raises them, for tests. */
final class Events {

    private Events() {
    }

    static QueueEvent event(QueueEvent.Type type, UUID groupId, String owner) {
        return new QueueEvent(type, groupId, owner, null, -1, 0x80, 0, 0, 0, 0, null, System.currentTimeMillis());
    }

    static QueueEvent committed(UUID groupId, String owner, UUID jobId, int fileIndex) {
        return new QueueEvent(QueueEvent.Type.FILE_COMMITTED, groupId, owner, jobId, fileIndex, 0x80, 0, 0, 0, 0, null,
                System.currentTimeMillis());
    }

    static QueueEvent error(UUID groupId, String owner, UUID jobId) {
        return new QueueEvent(QueueEvent.Type.GROUP_ERROR, groupId, owner, jobId, 1, 0x380, 3, 0x80190194, 404, 0,
                null, 1_700_000_000_000L);
    }

    static ProgressEvent sample(UUID groupId, String owner, ProgressType crossed, long bytesDone) {
        return new ProgressEvent(groupId, owner, UUID.randomUUID(), 0, bytesDone, 1000, 250, (int) (bytesDone / 10),
                4, crossed, 0, 1_700_000_000_123L);
    }
}
