package org.qmgr.transport.jetty.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A TCP end point whose failed reads fail instead of looking like an orderly end of stream.
 * <p>
 * Jetty's {@link SocketChannelEndPoint#fill} catches the {@code IOException} of a failed socket read, ECONNRESET
 * included, and reports end-of-stream (-1): a connection reset by the server (RST) then reads exactly like one it
 * closed early (FIN), and the spec's 12031 (reset) could never be told from 12030 (aborted), §4.10. This end
 * point rethrows the read's exception after shutting the input down as Jetty does; Jetty's HTTP/1.1 receiver
 * fails the exchange with it, and {@link Failures} recognises the reset. A protocol layer that catches fill
 * failures itself keeps its own handling; only HTTP/1.1 is covered by tests (FaultInjectionTest,
 * JettyTransportFailureTest).
 */
final class ResetReportingEndPoint extends SocketChannelEndPoint {

    ResetReportingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key,
                           Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    /** As {@link SocketChannelEndPoint#fill}, except that a failed read throws its exception. */
    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        if (isInputShutdown()) {
            return -1;
        }
        int position = BufferUtil.flipToFill(buffer);
        try {
            int filled = getChannel().read(buffer);
            if (filled > 0) {
                notIdle();
            } else if (filled == -1) {
                shutdownInput();
            }
            return filled;
        } catch (IOException e) {
            // No further read can succeed on this socket: shut the input like Jetty, but say why.
            shutdownInput();
            throw e;
        } finally {
            BufferUtil.flipToFlush(buffer, position);
        }
    }
}
