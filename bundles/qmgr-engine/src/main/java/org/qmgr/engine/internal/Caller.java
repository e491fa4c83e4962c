package org.qmgr.engine.internal;

import java.util.Objects;

/**
 * Who is calling the API (spec §1.2, P11): a JAAS user name, or {@code bundle:<symbolic name>} when no
 * subject is present, and whether that identity is an administrator.
 *
 * @param identity the owner name groups are recorded under
 * @param admin    whether the caller may see and take over every group
 */
record Caller(String identity, boolean admin) {

    Caller {
        Objects.requireNonNull(identity, "identity");
    }

    /**
     * @return whether the identity is a signed-in user (a JAAS subject), as opposed to a bundle: users without
     *         {@code admin} are confined to their download directories ({@code userLocalRoots})
     */
    boolean user() {
        return isUser(identity);
    }

    /**
     * @param identity an owner name
     * @return whether it names a user: anything but {@code bundle:…}, a prefix {@link IdentityResolver} never
     *         lets a user name take
     */
    static boolean isUser(String identity) {
        return !identity.startsWith(IdentityResolver.BUNDLE_PREFIX);
    }
}
