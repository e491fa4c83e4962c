package org.qmgr.api.dto;

/**
 * A listener service in use: a callback matched by class id, or an observer.
 *
 * @since 1.2
 */
public class ListenerDTO {
    /** {@code CALLBACK} (a {@code BackgroundCopyCallback} with a class id) or {@code OBSERVER}. */
    public String kind;
    /** The service's {@code service.id}. */
    public long serviceId;
    /** Symbolic name of the bundle that registered it. */
    public String bundle;
    /** The class id a callback serves, or {@code null} for an observer. */
    public String clsid;
    /** An observer's group filter, or {@code null}. */
    public String filter;
    /** Whether an observer sees every owner's groups. */
    public boolean admin;
    /** Events an observer lost because it fell too far behind. */
    public long dropped;
}
