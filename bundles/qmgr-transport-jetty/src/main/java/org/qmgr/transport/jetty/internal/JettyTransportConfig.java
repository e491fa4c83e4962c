package org.qmgr.transport.jetty.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the http/https transport (PID {@code org.qmgr.transport.jetty}). A change is applied live:
 * new requests use a client built from it, transfers in flight finish on the previous one (see
 * {@link #reconfigureGraceSeconds()}). An underscore in a method name is a dot in the property name; the
 * passwords start with a dot ({@code .proxy.password}) so that DS keeps them out of the service properties.
 */
@ObjectClassDefinition(
        name = "qmgr HTTP transport (Jetty)",
        description = "Connection settings of the http/https transport that downloads files for the qmgr engine.")
public @interface JettyTransportConfig {

    @AttributeDefinition(name = "Connect timeout (s)", min = "1",
            description = "Seconds to wait for a host name to resolve and a TCP/TLS connection to open.")
    int connectTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Read (idle) timeout (s)", min = "1",
            description = "The idle timeout: seconds a request may wait without receiving a byte (response headers "
                    + "or body) before the transfer fails with a timeout; also how long a pooled connection is kept "
                    + "unused.")
    int readTimeoutSeconds() default 120;

    @AttributeDefinition(name = "Maximum redirects", min = "0",
            description = "Redirects (301, 302, 303, 307, 308) followed per request; one more is an error.")
    int maxRedirects() default 10;

    @AttributeDefinition(name = "Maximum connections per server", min = "1",
            description = "Open connections kept per scheme, host and port (requests beyond wait for one). "
                    + "Over HTTP/2 one connection carries many requests.")
    int maxConnectionsPerDestination() default 8;

    @AttributeDefinition(name = "Maximum concurrent requests", min = "1",
            description = "Requests in progress at once across all servers; more wait (never fail) until one ends.")
    int maxConcurrentRequests() default 64;

    @AttributeDefinition(name = "User agent",
            description = "The User-Agent header sent; empty means qmgr/<bundle version>.")
    String userAgent() default "";

    @AttributeDefinition(name = "HTTP/2 over TLS",
            description = "Offer h2 by ALPN on https connections (the server picks HTTP/2 or HTTP/1.1).")
    boolean http2() default true;

    @AttributeDefinition(name = "HTTP/2 cleartext (h2c)",
            description = "Cleartext http: URLs: 'off' speaks HTTP/1.1; 'upgrade' offers h2c in the first HTTP/1.1 "
                    + "request to each server and uses HTTP/2 with the servers that accept; 'prior-knowledge' "
                    + "speaks h2c at once, for servers known to accept it (an HTTP/1.1-only server then fails the "
                    + "request). Not used for hosts reached through an HTTP proxy.",
            options = {@Option(value = "off", label = "off (HTTP/1.1)"),
                       @Option(value = "upgrade", label = "upgrade from HTTP/1.1 where offered"),
                       @Option(value = "prior-knowledge", label = "prior knowledge (h2c)")})
    String http2Cleartext() default "off";

    @AttributeDefinition(name = "Proxy type",
            description = "none, http (a forward proxy; https goes through a CONNECT tunnel) or socks5.",
            options = {@Option(value = "none", label = "none"), @Option(value = "http", label = "HTTP"),
                       @Option(value = "socks5", label = "SOCKS5")})
    String proxy_type() default "none";

    @AttributeDefinition(name = "Proxy host", required = false,
            description = "Host name or address of the proxy; required unless the proxy type is none.")
    String proxy_host() default "";

    @AttributeDefinition(name = "Proxy port", min = "0", max = "65535",
            description = "Port of the proxy; required unless the proxy type is none.")
    int proxy_port() default 0;

    @AttributeDefinition(name = "Hosts not proxied", required = false,
            description = "Hosts reached directly: exact names or addresses, or patterns with one leading or "
                    + "trailing * (*.example.com, 10.*); case-insensitive.")
    String[] proxy_nonProxyHosts() default {};

    @AttributeDefinition(name = "Proxy user", required = false,
            description = "User name for the proxy; empty for none. An HTTP proxy gets it with Basic "
                    + "authentication on every request; a SOCKS5 proxy by username/password (RFC 1929, UTF-8, at "
                    + "most 255 bytes) when it asks for it.")
    String proxy_user() default "";

    @AttributeDefinition(name = "Proxy password", required = false, type = AttributeType.PASSWORD,
            description = "Password of the proxy user (for SOCKS5: 1 to 255 bytes in UTF-8). Never logged.")
    String _proxy_password() default "";

    @AttributeDefinition(name = "Trust store", required = false,
            description = "Path of a key store with the certificates of the CAs to trust; empty means the JVM's "
                    + "default trust store. Server host names are always verified.")
    String tls_trustStore() default "";

    @AttributeDefinition(name = "Trust store password", required = false, type = AttributeType.PASSWORD,
            description = "Password of the trust store; may be empty.")
    String _tls_trustStorePassword() default "";

    @AttributeDefinition(name = "Trust store type",
            description = "Key store type of the trust store (PKCS12, JKS).")
    String tls_trustStoreType() default "PKCS12";

    @AttributeDefinition(name = "Client key store", required = false,
            description = "Path of a key store with the private key and certificate chain to present when a "
                    + "server asks for a client certificate; empty for none.")
    String tls_keyStore() default "";

    @AttributeDefinition(name = "Client key store password", required = false, type = AttributeType.PASSWORD,
            description = "Password of the client key store, also used for its private key.")
    String _tls_keyStorePassword() default "";

    @AttributeDefinition(name = "Client key store type",
            description = "Key store type of the client key store (PKCS12, JKS).")
    String tls_keyStoreType() default "PKCS12";

    @AttributeDefinition(name = "Reconfiguration grace (s)", min = "0",
            description = "After a configuration change, seconds transfers in flight may go on over the previous "
                    + "connections before these are closed (such transfers then fail and are retried).")
    int reconfigureGraceSeconds() default 600;
}
