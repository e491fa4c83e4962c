package org.qmgr.transport.jetty.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the http/https transport (PID {@code org.qmgr.transport.jetty}). */
@ObjectClassDefinition(
        name = "qmgr HTTP transport (Jetty)",
        description = "Connection settings of the http/https transport that downloads files for the qmgr engine.")
public @interface JettyTransportConfig {

    @AttributeDefinition(name = "Connect timeout (s)", min = "1",
            description = "Seconds to wait for a host name to resolve and a TCP/TLS connection to open.")
    int connectTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Read timeout (s)", min = "1",
            description = "Seconds a connection may stay silent (no response headers or body bytes) before the "
                    + "transfer fails with a timeout.")
    int readTimeoutSeconds() default 120;

    @AttributeDefinition(name = "Maximum redirects", min = "0",
            description = "Redirects (301, 302, 303, 307, 308) followed per request; one more is an error.")
    int maxRedirects() default 10;

    @AttributeDefinition(name = "Maximum connections per server", min = "1",
            description = "Open connections kept per scheme, host and port.")
    int maxConnectionsPerDestination() default 8;

    @AttributeDefinition(name = "User agent",
            description = "The User-Agent header sent; empty means qmgr/<bundle version>.")
    String userAgent() default "";
}
