package org.qmgr.transport.jetty.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving origin on a plain socket: answers one request with a response announcing more bytes than it
 * sends, then closes the connection cleanly (FIN) or resets it (RST) once the client has read the first bytes.
 */
final class RawOrigin extends SocketOrigin {

    static final int ANNOUNCED = 100_000;
    static final int SENT = 1_000;

    /** Counted down by the test once it has read the first bytes; the server then ends the connection. */
    final CountDownLatch clientHasRead = new CountDownLatch(1);

    RawOrigin() throws IOException {
        super("raw-origin");
    }

    String url() {
        return url("/short");
    }

    /** Serves one request; ends with an RST when {@code reset}, else with a FIN. */
    RawOrigin serveShortBody(boolean reset) {
        serveOne(socket -> {
            readRequestHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + ANNOUNCED + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[SENT]);
            out.flush();
            if (!clientHasRead.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("client never read");
            }
            if (reset) {
                socket.setSoLinger(true, 0);
            }
        });
        return this;
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        clientHasRead.countDown();
        super.close();
    }
}
