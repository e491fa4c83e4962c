package org.qmgr.spi.transport;

import java.util.Objects;

/**
 * A user name and password for server authentication (spec P4: HTTP Basic and Digest). They are answered
 * only after a challenge, only to the challenging request, and only when the challenger has the original
 * URL's host (never from {@code https} to {@code http}). {@link #toString()} never reveals the password.
 *
 * @param user     user name, never {@code null}
 * @param password password, never {@code null}; must not be logged
 */
public record Credentials(String user, String password) {

    /** Rejects {@code null} parts. */
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}
