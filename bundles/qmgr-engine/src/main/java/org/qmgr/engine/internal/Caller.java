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
}
