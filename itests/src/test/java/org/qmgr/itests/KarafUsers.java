package org.qmgr.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.Callable;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;

/**
 * Karaf users inside the container, for tests that act as one: a login through Karaf's JAAS realm
 * ({@code etc/users.properties}), as the SSH server does for a password login, and running code as the subject,
 * as Karaf runs a logged-in user's commands.
 */
final class KarafUsers {

    private KarafUsers() {
    }

    /** @return the subject of a password login to realm {@code karaf} */
    static Subject login(String user, String password) throws Exception {
        LoginContext login = new LoginContext("karaf", (Callback[] callbacks) -> {
            for (Callback c : callbacks) {
                if (c instanceof NameCallback name) {
                    name.setName(user);
                } else if (c instanceof PasswordCallback pwd) {
                    pwd.setPassword(password.toCharArray());
                } else {
                    throw new UnsupportedCallbackException(c);
                }
            }
        });
        login.login();
        return login.getSubject();
    }

    /**
     * A new directory inside the user's own download directory, {@code ${karaf.data}/downloads/<user>}: the only
     * place a user without an administrator role may download to by default ({@code userLocalRoots}).
     */
    static Path downloadDir(String user, String prefix) throws IOException {
        Path own = Path.of(System.getProperty("karaf.data"), "downloads", user);
        Files.createDirectories(own);
        return Files.createTempDirectory(own, prefix);
    }

    /** Runs the action as the subject; its exception comes out unwrapped. */
    @SuppressWarnings("removal")
    static <T> T as(Subject subject, Callable<T> action) throws Exception {
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<T>) action::call);
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }
}
