package org.qmgr.engine.internal;

import java.security.AccessController;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.security.auth.Subject;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.qmgr.api.Guids;
import org.qmgr.api.QmgrAccessDeniedException;
import org.qmgr.api.QmgrException;
import org.qmgr.api.callback.BackgroundCopyCallback;

/**
 * Resolves who is calling (spec §1.2, P11): the JAAS subject of the calling thread when it has a user
 * principal (Karaf shell, remote API), otherwise the client bundle. Subjects with role {@code admin} or
 * {@code qmgr-admin}, and identities listed in the configuration, are administrators.
 */
final class IdentityResolver {

    /** How a bundle's identity begins; a user name may not, or a user could pass for a bundle. */
    static final String BUNDLE_PREFIX = "bundle:";
    private static final Set<String> ADMIN_ROLES = Set.of("admin", "qmgr-admin");

    private final Bundle client;
    private final Supplier<Set<String>> configuredAdmins;

    IdentityResolver(Bundle client, Supplier<Set<String>> configuredAdmins) {
        this.client = client;
        this.configuredAdmins = configuredAdmins;
    }

    Caller current() {
        Subject subject = currentSubject();
        if (subject != null) {
            String user = null;
            boolean admin = false;
            for (Principal p : subject.getPrincipals()) {
                String kind = p.getClass().getSimpleName();
                if (kind.equals("UserPrincipal") && user == null) {
                    user = p.getName();
                } else if (kind.equals("RolePrincipal") && ADMIN_ROLES.contains(p.getName())) {
                    admin = true;
                }
            }
            if (user != null) {
                if (!Caller.isUser(user)) {
                    // It would own (and be confined as) the bundle of that name: refused, never mistaken.
                    throw new QmgrAccessDeniedException("user name " + FileSetValidator.printable(user)
                            + " is reserved: names beginning with " + BUNDLE_PREFIX + " identify bundles");
                }
                return new Caller(user, admin || configuredAdmins.get().contains(user));
            }
        }
        String bundleId = BUNDLE_PREFIX + client.getSymbolicName();
        return new Caller(bundleId, configuredAdmins.get().contains(bundleId));
    }

    @SuppressWarnings("removal")
    private static Subject currentSubject() {
        // Karaf runs shell commands inside Subject.doAs; the access-control context carries the subject.
        return Subject.getSubject(AccessController.getContext());
    }

    /** Whether the client bundle can see a callback service registered for this class id (spec §5.6). */
    boolean callbackVisible(UUID clsid) {
        BundleContext context = client.getBundleContext();
        if (context == null) {
            return false;
        }
        try {
            for (ServiceReference<BackgroundCopyCallback> ref : context.getServiceReferences(
                    BackgroundCopyCallback.class, "(" + BackgroundCopyCallback.CLSID_PROPERTY + "=*)")) {
                Object value = ref.getProperty(BackgroundCopyCallback.CLSID_PROPERTY);
                if (value instanceof String s && matches(s, clsid)) {
                    return true;
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("constant filter is valid", e);
        }
        return false;
    }

    private static boolean matches(String text, UUID clsid) {
        try {
            return Guids.parse(text.trim()).equals(clsid);
        } catch (QmgrException e) {
            return false;
        }
    }
}
