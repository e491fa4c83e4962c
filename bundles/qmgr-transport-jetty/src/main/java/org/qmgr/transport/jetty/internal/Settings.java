package org.qmgr.transport.jetty.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A validated {@link JettyTransportConfig}: every bad value is refused here with a one-line message naming the
 * property and the value, before any client is built.
 */
record Settings(Duration connectTimeout, Duration idleTimeout, int maxRedirects, int maxConnectionsPerDestination,
                int maxConcurrentRequests, String userAgent, boolean http2, Cleartext http2Cleartext,
                ProxySettings proxy, TlsSettings tls, Duration reconfigureGrace) {

    /** The proxy part; {@code type} NONE means direct connections and the other fields are unused. */
    record ProxySettings(ProxyType type, String host, int port, List<String> nonProxyHosts, String user,
                         String password) {

        /** @return whether requests to {@code host} go through an HTTP proxy */
        boolean httpProxyFor(String host) {
            return type == ProxyType.HTTP && !NonProxyHosts.matches(nonProxyHosts, host);
        }

        @Override
        public String toString() {
            return type == ProxyType.NONE ? "no proxy"
                    : type.name().toLowerCase(Locale.ROOT) + " proxy " + host + ":" + port
                            + (nonProxyHosts.isEmpty() ? "" : " except " + nonProxyHosts)
                            + (user.isEmpty() ? "" : " as " + user);
        }
    }

    /** The TLS part; empty paths mean the JVM trust store and no client certificate. */
    record TlsSettings(String trustStore, String trustStorePassword, String trustStoreType,
                       String keyStore, String keyStorePassword, String keyStoreType) {

        @Override
        public String toString() {
            return (trustStore.isEmpty() ? "JVM trust store" : "trust store " + trustStore)
                    + (keyStore.isEmpty() ? "" : ", client key store " + keyStore);
        }
    }

    enum ProxyType { NONE, HTTP, SOCKS5 }

    /** How cleartext http: URLs use HTTP/2. */
    enum Cleartext { OFF, UPGRADE, PRIOR_KNOWLEDGE }

    /** @return these settings with HTTP/2 off, over TLS and in cleartext */
    Settings withoutHttp2() {
        return new Settings(connectTimeout, idleTimeout, maxRedirects, maxConnectionsPerDestination,
                maxConcurrentRequests, userAgent, false, Cleartext.OFF, proxy, tls, reconfigureGrace);
    }

    /**
     * @param config the component configuration
     * @return the settings
     * @throws IllegalArgumentException naming the first bad property and its value
     */
    static Settings from(JettyTransportConfig config) {
        return new Settings(
                Duration.ofSeconds(atLeast("connectTimeoutSeconds", config.connectTimeoutSeconds(), 1)),
                Duration.ofSeconds(atLeast("readTimeoutSeconds", config.readTimeoutSeconds(), 1)),
                atLeast("maxRedirects", config.maxRedirects(), 0),
                atLeast("maxConnectionsPerDestination", config.maxConnectionsPerDestination(), 1),
                atLeast("maxConcurrentRequests", config.maxConcurrentRequests(), 1),
                trim(config.userAgent()),
                config.http2(),
                cleartext(config.http2Cleartext()),
                proxy(config),
                new TlsSettings(trim(config.tls_trustStore()), nullToEmpty(config._tls_trustStorePassword()),
                        storeType("tls.trustStoreType", config.tls_trustStoreType()),
                        trim(config.tls_keyStore()), nullToEmpty(config._tls_keyStorePassword()),
                        storeType("tls.keyStoreType", config.tls_keyStoreType())),
                Duration.ofSeconds(atLeast("reconfigureGraceSeconds", config.reconfigureGraceSeconds(), 0)));
    }

    private static Cleartext cleartext(String value) {
        return switch (trim(value).toLowerCase(Locale.ROOT)) {
            case "off", "" -> Cleartext.OFF;
            case "upgrade" -> Cleartext.UPGRADE;
            case "prior-knowledge" -> Cleartext.PRIOR_KNOWLEDGE;
            default -> throw bad("http2Cleartext", value, "is not one of off, upgrade, prior-knowledge");
        };
    }

    private static ProxySettings proxy(JettyTransportConfig config) {
        ProxyType type = switch (trim(config.proxy_type()).toLowerCase(Locale.ROOT)) {
            case "none", "" -> ProxyType.NONE;
            case "http" -> ProxyType.HTTP;
            case "socks5" -> ProxyType.SOCKS5;
            default -> throw bad("proxy.type", config.proxy_type(), "is not one of none, http, socks5");
        };
        String host = trim(config.proxy_host());
        int port = config.proxy_port();
        List<String> nonProxyHosts = NonProxyHosts.parse(config.proxy_nonProxyHosts());
        String user = trim(config.proxy_user());
        if (type != ProxyType.NONE) {
            if (host.isEmpty() || host.contains("/") || host.contains(" ")) {
                throw bad("proxy.host", host, "must be a host name or address for proxy.type " + config.proxy_type());
            }
            if (port < 1 || port > 65535) {
                throw bad("proxy.port", String.valueOf(port), "must be 1 to 65535 for proxy.type "
                        + config.proxy_type());
            }
        }
        String password = nullToEmpty(config._proxy_password());
        if (!user.isEmpty() && type == ProxyType.NONE) {
            throw bad("proxy.user", user, "is only used with proxy.type http or socks5");
        }
        if (!user.isEmpty() && type == ProxyType.SOCKS5) {
            // RFC 1929 carries each in a length byte, and requires both
            if (utf8Length(user) > 255) {
                throw bad("proxy.user", user, "must be at most 255 bytes in UTF-8 for proxy.type socks5");
            }
            int length = utf8Length(password);
            if (length < 1 || length > 255) {
                throw new IllegalArgumentException(JettyTransport.PID + ": .proxy.password (not shown) must be 1 to "
                        + "255 bytes in UTF-8 for a proxy.user of proxy.type socks5, not " + length);
            }
        }
        return new ProxySettings(type, host, port, nonProxyHosts, user, password);
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String storeType(String name, String value) {
        String type = trim(value);
        if (type.isEmpty()) {
            return "PKCS12";
        }
        if (!type.matches("[A-Za-z0-9_-]+")) {
            throw bad(name, value, "is not a key store type (PKCS12, JKS)");
        }
        return type;
    }

    private static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw bad(name, String.valueOf(value), "must be at least " + min);
        }
        return value;
    }

    static IllegalArgumentException bad(String name, String value, String why) {
        return new IllegalArgumentException(JettyTransport.PID + ": " + name + " = '" + value + "' " + why);
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
