package org.qmgr.transport.jetty.internal;

import java.net.URI;

import org.eclipse.jetty.alpn.client.ALPNClientConnectionFactory;
import org.eclipse.jetty.client.BasicAuthentication;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Socks5Proxy;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.qmgr.transport.jetty.internal.Settings.ProxySettings;

/**
 * Puts the configured HTTP or SOCKS5 proxy, its host exclusions and its credentials (Basic for an HTTP proxy,
 * RFC 1929 username/password for SOCKS5) on a client.
 */
final class Proxies {

    private Proxies() {
    }

    /**
     * @param client   a client not yet started
     * @param settings the proxy settings; type NONE leaves the client alone
     */
    static void configure(HttpClient client, ProxySettings settings) {
        Origin.Address address = new Origin.Address(settings.host(), settings.port());
        ProxyConfiguration.Proxy proxy = switch (settings.type()) {
            case NONE -> null;
            case HTTP -> new HttpProxy(address, false) {
                @Override
                public boolean matches(Origin origin) {
                    return !excluded(settings, origin) && super.matches(origin);
                }
            };
            case SOCKS5 -> socks5(address, settings);
        };
        if (proxy == null) {
            return;
        }
        client.getProxyConfiguration().addProxy(proxy);
        if (settings.type() == Settings.ProxyType.HTTP && !settings.user().isEmpty()) {
            // Sent with every request to the proxy (and on CONNECT): a proxy that wants Basic gets it without a
            // 407 round trip, and the origin never sees it (Proxy-Authorization is hop-by-hop).
            URI uri = proxy.getURI();
            client.getAuthenticationStore().addAuthenticationResult(new BasicAuthentication.BasicResult(
                    uri, HttpHeader.PROXY_AUTHORIZATION, settings.user(), settings.password()));
        }
    }

    /**
     * A SOCKS5 proxy offering no authentication and, with a user configured, username/password too; https through
     * it negotiates its protocol by ALPN as a direct connection does.
     */
    private static Socks5Proxy socks5(Origin.Address address, ProxySettings settings) {
        Socks5Proxy proxy = new Socks5Proxy(address, false) {
            @Override
            public boolean matches(Origin origin) {
                return !excluded(settings, origin) && super.matches(origin);
            }

            @Override
            public ClientConnectionFactory newClientConnectionFactory(ClientConnectionFactory connectionFactory) {
                return super.newClientConnectionFactory(negotiating(connectionFactory));
            }
        };
        if (!settings.user().isEmpty()) {
            proxy.putAuthenticationFactory(Socks5Auth.usernamePassword(settings.host(), settings.port(),
                    settings.user(), settings.password()));
        }
        return proxy;
    }

    /**
     * Jetty 12.1's SOCKS5 tunnel wraps an https connection in TLS without ALPN, so the client would speak its first
     * protocol (h2) to a server that agreed on none and answers in HTTP/1.1. This puts ALPN between TLS and
     * {@code connectionFactory} for origins that negotiate, as {@code HttpClient} does for direct connections.
     */
    private static ClientConnectionFactory negotiating(ClientConnectionFactory connectionFactory) {
        return (endPoint, context) -> {
            Destination destination = (Destination) context.get(Destination.CONTEXT_KEY);
            Origin.Protocol protocol = destination == null ? null : destination.getOrigin().getProtocol();
            if (destination != null && destination.isSecure() && protocol != null && protocol.isNegotiate()) {
                return new ALPNClientConnectionFactory(destination.getHttpClient().getExecutor(), connectionFactory,
                        protocol.getProtocols()).newConnection(endPoint, context);
            }
            return connectionFactory.newConnection(endPoint, context);
        };
    }

    private static boolean excluded(ProxySettings settings, Origin origin) {
        return NonProxyHosts.matches(settings.nonProxyHosts(), origin.getAddress().getHost());
    }
}
