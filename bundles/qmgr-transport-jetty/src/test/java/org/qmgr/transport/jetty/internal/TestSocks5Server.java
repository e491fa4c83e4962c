package org.qmgr.transport.jetty.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal SOCKS5 server (RFC 1928) on a loopback port: no authentication, CONNECT only, then bytes are
 * copied both ways. It records each target it was asked to connect to.
 */
final class TestSocks5Server implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> new Thread(r, "test-socks5"));
    private final List<String> targets = new CopyOnWriteArrayList<>();

    TestSocks5Server() throws IOException {
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return the {@code host:port} targets of the CONNECT commands received, in order */
    List<String> targets() {
        return targets;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            expect(in.readUnsignedByte() == 5, "version");
            in.readNBytes(in.readUnsignedByte());
            out.write(new byte[] {5, 0});
            expect(in.readUnsignedByte() == 5 && in.readUnsignedByte() == 1 && in.readUnsignedByte() == 0,
                    "CONNECT request");
            String host = switch (in.readUnsignedByte()) {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                default -> throw new IOException("bad address type");
            };
            int port = in.readUnsignedShort();
            targets.add(host + ":" + port);
            try (Socket upstream = new Socket(host, port)) {
                out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
                out.flush();
                threads.execute(() -> copy(upstream, client));
                copy(client, upstream);
            }
        } catch (IOException ended) {
            // either side closed: the tunnel is over
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException ended) {
            // either side closed: the tunnel is over
        }
    }

    private static void expect(boolean condition, String what) throws IOException {
        if (!condition) {
            throw new IOException("unexpected " + what);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
