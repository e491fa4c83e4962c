package org.qmgr.engine.internal;

import java.util.Objects;

/**
 * Who is calling the API (spec §1.2, P11): a JAAS user name, or {@code bundle:<symbolic name>} when no
 * subject is present, and whether that identity is an administrator.
 *
 * @param identity the owner name groups are recorded under
 * @param admin    whether the caller may see and take over every group
 * @param user     whether the identity is a signed-in user (a JAAS subject), as opposed to a bundle: users
 *                 without {@code admin} are confined to their download directories ({@code userLocalRoots})
 */
record Caller(String identity, boolean admin, boolean user) {

    Caller {
        Objects.requireNonNull(identity, "identity");
    }

    /** A caller whose kind follows from its identity: {@code bundle:} names a bundle, anything else a user. */
    Caller(String identity, boolean admin) {
        this(identity, admin, !identity.startsWith(IdentityResolver.BUNDLE_PREFIX));
    }
}
