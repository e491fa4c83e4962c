package org.qmgr.callbacks.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;

/** A queue view that knows display names only: all the observers and Event Admin ask of the engine. */
final class FakeQueueView implements QueueView {

    private final Map<UUID, String> names = new ConcurrentHashMap<>();

    FakeQueueView name(UUID groupId, String displayName) {
        names.put(groupId, displayName);
        return this;
    }

    @Override
    public Optional<String> displayName(UUID groupId) {
        return Optional.ofNullable(names.get(groupId));
    }

    @Override
    public OptionalInt notifyFlags(UUID groupId) {
        return OptionalInt.empty();
    }

    @Override
    public Optional<UUID> notifyClsid(UUID groupId) {
        return Optional.empty();
    }

    @Override
    public Optional<BackgroundCopyCallback> directCallback(UUID groupId) {
        return Optional.empty();
    }

    @Override
    public BackgroundCopyGroup group(UUID groupId) {
        throw new UnsupportedOperationException("observers get no handles");
    }

    @Override
    public BackgroundCopyJob job(UUID groupId, UUID jobId) {
        throw new UnsupportedOperationException("observers get no handles");
    }

    @Override
    public void acknowledge(QueueEvent event) {
        throw new UnsupportedOperationException("observers acknowledge nothing");
    }
}
