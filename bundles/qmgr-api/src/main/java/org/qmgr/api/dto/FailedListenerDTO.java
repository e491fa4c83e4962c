package org.qmgr.api.dto;

/**
 * A listener service that qmgr does not call, and why.
 *
 * @since 1.2
 */
public class FailedListenerDTO {
    /** {@code CALLBACK} or {@code OBSERVER}. */
    public String kind;
    /** The service's {@code service.id}. */
    public long serviceId;
    /** Symbolic name of the bundle that registered it. */
    public String bundle;
    /** One line naming the bad value, e.g. {@code qmgr.callback.clsid "x" is not a class id}. */
    public String reason;
}
