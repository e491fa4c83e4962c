package org.qmgr.engine.internal;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;

import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.callback.BackgroundCopyCallback;
import org.qmgr.spi.notify.QueueEvent;
import org.qmgr.spi.notify.QueueView;

/**
 * The engine's answers to the notification machinery at delivery time: current flags, bindings, and handles
 * a listener may use (acting as the group's owner). Handed to sinks with every event.
 */
final class EngineQueueView implements QueueView {

    private final QueueEngine engine;
    private final IdentityResolver identity;

    /**
     * @param engine   the queue engine
     * @param identity resolves class ids for listeners in the engine bundle's context, or {@code null}
     *                 outside OSGi (then listeners cannot bind class ids)
     */
    EngineQueueView(QueueEngine engine, IdentityResolver identity) {
        this.engine = engine;
        this.identity = identity;
    }

    @Override
    public OptionalInt notifyFlags(UUID groupId) {
        return read(groupId, g -> OptionalInt.of(g.record().notifyFlags()), OptionalInt.empty());
    }

    @Override
    public Optional<UUID> notifyClsid(UUID groupId) {
        return read(groupId, g -> Optional.ofNullable(g.record().notifyClsid()), Optional.empty());
    }

    @Override
    public Optional<BackgroundCopyCallback> directCallback(UUID groupId) {
        return read(groupId, g -> Optional.ofNullable(g.directCallback), Optional.empty());
    }

    @Override
    public BackgroundCopyGroup group(UUID groupId) {
        return new GroupHandle(engine, groupId, listenerContext(groupId), null);
    }

    @Override
    public BackgroundCopyJob job(UUID groupId, UUID jobId) {
        return jobId == null ? null : new JobHandle(engine, groupId, jobId, null);
    }

    @Override
    public Optional<String> displayName(UUID groupId) {
        return read(groupId, g -> Optional.of(g.record().displayName()).filter(n -> !n.isEmpty()), Optional.empty());
    }

    @Override
    public void acknowledge(QueueEvent event) {
        engine.acks().acknowledge(event);
    }

    private CallerContext listenerContext(UUID groupId) {
        String owner = read(groupId, g -> g.record().owner(), "nobody");
        Caller caller = new Caller(owner, false);
        return new CallerContext(() -> caller, identity == null ? clsid -> false : identity::callbackVisible);
    }

    private <T> T read(UUID groupId, Function<GroupEntry, T> reader, T absent) {
        QueueCore core = engine.core();
        synchronized (core.lock) {
            GroupEntry g = core.groups.get(groupId);
            return g == null ? absent : reader.apply(g);
        }
    }
}
