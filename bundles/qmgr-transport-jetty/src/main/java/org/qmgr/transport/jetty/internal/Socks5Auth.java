package org.qmgr.transport.jetty.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.client.Socks5;
import org.eclipse.jetty.util.Callback;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/**
 * SOCKS5 username/password authentication (RFC 1929) on Jetty's {@link Socks5.UsernamePasswordAuthenticationFactory},
 * and how a proxy's refusal is reported: as {@link Kind#HTTP_STATUS} 407, like an HTTP proxy refusing credentials,
 * so that the engine treats it as permanent. Messages name the proxy and the user, never the password.
 */
final class Socks5Auth {

    /** The proxy status an authentication refusal is reported as: Proxy Authentication Required. */
    static final int PROXY_AUTHENTICATION_REQUIRED = 407;

    /** Jetty's message when the proxy accepts none of the offered methods (its reply method 0xFF). */
    private static final String NO_ACCEPTABLE_METHOD = "Unacceptable SOCKS5 authentication methods";

    private Socks5Auth() {
    }

    /**
     * @param host     the proxy host, for messages
     * @param port     the proxy port, for messages
     * @param user     user name, 1 to 255 bytes in UTF-8
     * @param password password, 1 to 255 bytes in UTF-8; never put into a message
     * @return the username/password method for a {@link org.eclipse.jetty.client.Socks5Proxy}, reporting a refusal
     *         as {@link Refused}
     */
    static Socks5.Authentication.Factory usernamePassword(String host, int port, String user, String password) {
        Socks5.Authentication.Factory jetty =
                new Socks5.UsernamePasswordAuthenticationFactory(user, password, StandardCharsets.UTF_8);
        String proxy = host + ":" + port;
        return new Socks5.Authentication.Factory() {
            @Override
            public byte getMethod() {
                return jetty.getMethod();
            }

            @Override
            public Socks5.Authentication newAuthentication() {
                Socks5.Authentication authentication = jetty.newAuthentication();
                return (endPoint, callback) -> authentication.authenticate(endPoint, new Callback() {
                    @Override
                    public void succeeded() {
                        callback.succeeded();
                    }

                    @Override
                    public void failed(Throwable x) {
                        callback.failed(new Refused(proxy, user, x));
                    }

                    @Override
                    public InvocationType getInvocationType() {
                        return callback.getInvocationType();
                    }
                });
            }
        };
    }

    /**
     * @param failure what a request failed with
     * @param url     the URL requested (redacted in the message)
     * @return a 407 {@link Kind#HTTP_STATUS} exception when the failure is a SOCKS5 proxy refusing to
     *         authenticate us, else {@code null}
     */
    static TransportException refusal(Throwable failure, String url) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Refused refused) {
                return refused(refused.getMessage() + " for " + Failures.redact(url), failure);
            }
            if (t instanceof IOException && NO_ACCEPTABLE_METHOD.equals(t.getMessage())) {
                return refused("the SOCKS5 proxy accepts none of the authentication methods offered (set proxy.user "
                        + "and .proxy.password if it wants a user name and password) for " + Failures.redact(url),
                        failure);
            }
        }
        return null;
    }

    private static TransportException refused(String message, Throwable cause) {
        return new TransportException(Kind.HTTP_STATUS, PROXY_AUTHENTICATION_REQUIRED, null, message, cause);
    }

    /**
     * The proxy refused the user name and password, or the RFC 1929 exchange failed: names the proxy and user
     * only. Jetty's own failure is kept as the cause; it never holds the password.
     */
    static final class Refused extends IOException {

        private static final long serialVersionUID = 1L;

        Refused(String proxy, String user, Throwable cause) {
            super("SOCKS5 proxy " + proxy + " refused the user name and password of '" + user + "' (RFC 1929)",
                    cause);
        }
    }
}
