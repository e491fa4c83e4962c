package org.qmgr.shell.internal;

import java.security.AccessController;
import java.security.Principal;

import javax.security.auth.Subject;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The identity the engine sees for this thread (spec §1.2, P11), as it names group owners: the user principal of
 * the session's JAAS subject, else {@code bundle:} and this bundle's symbolic name.
 */
final class SessionUser {

    private SessionUser() {
    }

    @SuppressWarnings("removal")
    static String identity() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return p.getName();
                }
            }
        }
        Bundle bundle = FrameworkUtil.getBundle(SessionUser.class);
        return "bundle:" + (bundle == null ? "?" : bundle.getSymbolicName());
    }
}
