package org.qmgr.callbacks.internal;

import java.util.Map;
import java.util.Set;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.qmgr.api.callback.QueueObserver;

/**
 * Decides whether an observer service is used: its group filter must parse, and a claim of
 * {@value QueueObserver#ADMIN_PROPERTY} must come from a bundle listed as an administrator.
 */
final class ObserverAdmission {

    /** What was decided: {@code reason} is {@code null} when the observer is admitted. */
    record Verdict(String filterText, Filter filter, boolean admin, String reason) {

        boolean admitted() {
            return reason == null;
        }
    }

    private ObserverAdmission() {
    }

    /**
     * @param properties     the observer's service properties
     * @param identity       the registering bundle's identity, {@code bundle:<symbolic name>}
     * @param administrators the identities configured as administrators
     * @return the verdict, with a one-line reason naming the bad value when refused
     */
    static Verdict judge(Map<String, ?> properties, String identity, Set<String> administrators) {
        Object filterValue = properties.get(QueueObserver.FILTER_PROPERTY);
        String filterText = filterValue == null ? null : String.valueOf(filterValue);
        if (filterValue != null && !(filterValue instanceof String)) {
            return refused(filterText, QueueObserver.FILTER_PROPERTY + " " + filterValue + " is a "
                    + filterValue.getClass().getSimpleName() + ", not a String");
        }
        Filter filter = null;
        if (filterText != null && !filterText.isBlank()) {
            try {
                filter = FrameworkUtil.createFilter(filterText);
            } catch (InvalidSyntaxException e) {
                return refused(filterText, QueueObserver.FILTER_PROPERTY + " \"" + filterText
                        + "\" is not an LDAP filter: " + e.getMessage());
            }
        }
        Object adminValue = properties.get(QueueObserver.ADMIN_PROPERTY);
        boolean admin;
        if (adminValue == null || adminValue.equals(Boolean.FALSE) || "false".equalsIgnoreCase(adminValue.toString())) {
            admin = false;
        } else if (adminValue.equals(Boolean.TRUE) || "true".equalsIgnoreCase(adminValue.toString())) {
            admin = true;
        } else {
            return refused(filterText, QueueObserver.ADMIN_PROPERTY + " \"" + adminValue + "\" is not true or false");
        }
        if (admin && !administrators.contains(identity)) {
            return refused(filterText, QueueObserver.ADMIN_PROPERTY + " claimed by " + identity
                    + ", which is not in administrators of org.qmgr.engine");
        }
        return new Verdict(filterText, filter, admin, null);
    }

    private static Verdict refused(String filterText, String reason) {
        return new Verdict(filterText, null, false, reason.replace('\n', ' '));
    }
}
