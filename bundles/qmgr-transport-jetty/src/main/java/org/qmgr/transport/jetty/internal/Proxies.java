package org.qmgr.transport.jetty.internal;

import java.net.URI;

import org.eclipse.jetty.client.BasicAuthentication;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;
import org.eclipse.jetty.client.Socks5Proxy;
import org.eclipse.jetty.http.HttpHeader;
import org.qmgr.transport.jetty.internal.Settings.ProxySettings;

/** Puts the configured HTTP or SOCKS5 proxy, its host exclusions and its Basic credentials on a client. */
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
            case SOCKS5 -> new Socks5Proxy(address, false) {
                @Override
                public boolean matches(Origin origin) {
                    return !excluded(settings, origin) && super.matches(origin);
                }
            };
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

    private static boolean excluded(ProxySettings settings, Origin origin) {
        return NonProxyHosts.matches(settings.nonProxyHosts(), origin.getAddress().getHost());
    }
}
