package org.qmgr.transport.jetty.internal;

import java.io.IOException;
import java.util.Map;

import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;

/**
 * Jetty's dynamic transport, except that a TLS connection on which ALPN chose no protocol speaks HTTP/1.1.
 * Jetty would take the first protocol offered, h2, and a server without ALPN (older servers and appliances,
 * which speak HTTP/1.1 only) then fails every request with an HTTP/2 framing error, retried as transient until
 * the group's budget runs out (found by FaultInjectionTest). RFC 9113 §3.2: h2 over TLS only by ALPN.
 */
final class AlpnFallbackTransport extends HttpClientTransportDynamic {

    private static final String HTTP_1_1 = "http/1.1";

    AlpnFallbackTransport(ClientConnector connector, ClientConnectionFactory.Info... infos) {
        super(connector, infos);
    }

    @Override
    public Connection newConnection(EndPoint endPoint, Map<String, Object> context) throws IOException {
        if (context.get(ClientConnector.APPLICATION_PROTOCOL_CONTEXT_KEY) == null
                && context.get(Destination.CONTEXT_KEY) instanceof Destination destination
                && destination.getOrigin().isSecure()) {
            // Called once the TLS handshake is done; an explicit HTTP/1.1 request comes here too, unchanged.
            context.put(ClientConnector.APPLICATION_PROTOCOL_CONTEXT_KEY, HTTP_1_1);
        }
        return super.newConnection(endPoint, context);
    }
}
