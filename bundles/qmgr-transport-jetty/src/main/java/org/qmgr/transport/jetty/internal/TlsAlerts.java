package org.qmgr.transport.jetty.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/**
 * Remembers the last TLS failure per server, so that a request that merely saw its connection close can report
 * the real cause.
 * <p>
 * Under TLS 1.3 the client finishes its handshake before the server checks the client certificate; a server
 * that wants one and gets none sends a fatal alert afterwards. Over HTTP/1.1 that alert fails the exchange,
 * but Jetty's HTTP/2 session turns it into a bare {@code ClosedChannelException}, which would read as a
 * transient network error instead of the TLS refusal it is.
 */
final class TlsAlerts {

    private static final int MAX_SERVERS = 1024;

    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();

    private record Alert(long nanos, SSLException failure) {
    }

    /**
     * @param failure what a request to {@code uri} that started at {@code startNanos} failed with
     * @param url     the original URL, for the message
     * @return a {@code SECURE_FAILURE} when the connection closed after a TLS failure with that server since the
     *         request started, else {@code failure}
     */
    TransportException explain(TransportException failure, URI uri, long startNanos, String url) {
        boolean closed = failure.kind() == Kind.CONNECTION_ABORTED || failure.kind() == Kind.CONNECTION_RESET;
        if (!closed || !"https".equalsIgnoreCase(uri.getScheme())) {
            return failure;
        }
        Alert alert = alerts.get(key(uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort()));
        if (alert == null || alert.nanos() - startNanos < 0) {
            return failure;
        }
        TransportException explained = Failures.map(alert.failure(), url);
        explained.addSuppressed(failure);
        return explained;
    }

    private void record(SSLEngine engine, SSLException failure) {
        if (engine.getPeerHost() == null) {
            return;
        }
        if (alerts.size() >= MAX_SERVERS) {
            alerts.clear();
        }
        alerts.put(key(engine.getPeerHost(), engine.getPeerPort()), new Alert(System.nanoTime(), failure));
    }

    private static String key(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h + ":" + port;
    }

    /** @return a client connector whose TLS connections report their failures here */
    ClientConnector connector() {
        return new Connector();
    }

    /**
     * Wraps every TLS connection (direct, CONNECT and SOCKS tunnels all come through here), and reports failed
     * socket reads (see {@link ResetReportingEndPoint}).
     */
    private final class Connector extends ClientConnector {
        @Override
        protected EndPoint newEndPoint(SelectableChannel channel, ManagedSelector selector, SelectionKey key) {
            EndPoint endPoint = super.newEndPoint(channel, selector, key);
            // Only Jetty's plain TCP end point is replaced (its constructor has no side effect); any other
            // transport's end point is kept as made.
            if (endPoint.getClass() == SocketChannelEndPoint.class) {
                return new ResetReportingEndPoint((SocketChannel) channel, selector, key, getScheduler());
            }
            return endPoint;
        }

        @Override
        public ClientConnectionFactory newSslClientConnectionFactory(SslContextFactory.Client tls,
                                                                     ClientConnectionFactory next) {
            SslContextFactory.Client context = tls == null ? getSslContextFactory() : tls;
            return new SslClientConnectionFactory(context, getByteBufferPool(), getExecutor(), next) {
                @Override
                protected SslConnection newSslConnection(EndPoint endPoint, SSLEngine engine) {
                    return new Recording(this, context, endPoint, engine);
                }
            };
        }
    }

    private final class Recording extends SslConnection {
        Recording(SslClientConnectionFactory factory, SslContextFactory.Client context, EndPoint endPoint,
                  SSLEngine engine) {
            super(factory.getByteBufferPool(), factory.getExecutor(), context, endPoint, engine,
                    factory.isDirectBuffersForEncryption(), factory.isDirectBuffersForDecryption());
        }

        @Override
        protected SSLEngineResult unwrap(SSLEngine engine, ByteBuffer input, ByteBuffer output) throws SSLException {
            try {
                return super.unwrap(engine, input, output);
            } catch (SSLException e) {
                record(engine, e);
                throw e;
            }
        }
    }
}
