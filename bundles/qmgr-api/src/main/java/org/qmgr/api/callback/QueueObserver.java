package org.qmgr.api.callback;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Watches groups for monitoring (an extension beyond QMGR): register an OSGi service of this type, with an
 * optional {@link #FILTER_PROPERTY} selecting groups, and it sees the events of every matching group it is
 * allowed to see, whatever the groups' notify flags.
 * <p>
 * <b>Filter.</b> An LDAP filter over the keys {@code group.id}, {@code group.owner} and
 * {@code group.displayName}, e.g. {@code (&(group.owner=alice)(group.displayName=nightly*))}; without the
 * property every visible group matches. A service whose filter does not parse is not called; it is listed
 * with the reason in {@link CallbackRuntime#getRuntimeDTO()}.
 * <p>
 * <b>Visibility.</b> An observer sees the groups owned by the identity of the bundle that registered it
 * ({@code bundle:<symbolic name>}), or every group when it is registered with {@link #ADMIN_PROPERTY}
 * {@code true} by a bundle the engine treats as an administrator (configuration {@code administrators} of
 * {@code org.qmgr.engine}); a claim of admin by another bundle is refused and listed with the reason.
 * <p>
 * <b>Delivery.</b> Best effort and in event order per observer, on a thread of its own, never on an API
 * caller's thread nor while qmgr holds a lock. Nothing is redelivered or stored: an observer that throws
 * misses that event only, and one that falls more than {@value #MAX_BACKLOG} events behind loses the oldest
 * (counted in the runtime DTO). A slow or blocked observer delays no other listener.
 */
@ConsumerType
public interface QueueObserver {

    /** Service property: an LDAP filter over {@code group.id}, {@code group.owner}, {@code group.displayName}. */
    String FILTER_PROPERTY = "qmgr.observer.filter";

    /** Service property: {@code true} to see every owner's groups (administrators only). */
    String ADMIN_PROPERTY = "qmgr.observer.admin";

    /** Events held for one observer before the oldest are dropped. */
    int MAX_BACKLOG = 10_000;

    /**
     * Something happened to a matching group.
     *
     * @param observation what happened, never {@code null}
     * @throws Exception ignored apart from being logged: observation is best effort
     */
    void onEvent(QueueObservation observation) throws Exception;
}
