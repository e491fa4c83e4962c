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
 * A minimal SOCKS5 server (RFC 1928) on a loopback port: no authentication, or username/password (RFC 1929)
 * required; CONNECT only, then bytes are copied both ways. It records each target it was asked to connect to and
 * each authentication attempt.
 */
final class TestSocks5Server implements AutoCloseable {

    private static final int NO_AUTHENTICATION = 0;
    private static final int USERNAME_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHOD = 0xFF;

    /** One RFC 1929 attempt: the user name and password received, and whether they were accepted. */
    record Attempt(String user, String password, boolean accepted) {
    }

    private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> new Thread(r, "test-socks5"));
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final String user;
    private final String password;

    /** A server that requires no authentication (and offers none). */
    TestSocks5Server() throws IOException {
        this(null, null);
    }

    /**
     * @param user     the user name a client must send (RFC 1929), or {@code null} for no authentication
     * @param password the password a client must send with it
     */
    TestSocks5Server(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return the {@code host:port} targets of the CONNECT commands received, in order */
    List<String> targets() {
        return targets;
    }

    /** @return the username/password attempts received, in order */
    List<Attempt> attempts() {
        return attempts;
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
            byte[] methods = in.readNBytes(in.readUnsignedByte());
            int wanted = user == null ? NO_AUTHENTICATION : USERNAME_PASSWORD;
            boolean offered = false;
            for (byte m : methods) {
                offered |= (m & 0xFF) == wanted;
            }
            out.write(new byte[] {5, (byte) (offered ? wanted : NO_ACCEPTABLE_METHOD)});
            out.flush();
            if (!offered || (wanted == USERNAME_PASSWORD && !authenticate(in, out))) {
                return; // RFC 1928/1929: the server closes the connection
            }
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

    /** Reads an RFC 1929 request, records it and answers success (0) or failure (1). */
    private boolean authenticate(DataInputStream in, OutputStream out) throws IOException {
        expect(in.readUnsignedByte() == 1, "username/password version");
        String u = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
        String p = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
        boolean accepted = user.equals(u) && password.equals(p);
        attempts.add(new Attempt(u, p, accepted));
        out.write(new byte[] {1, (byte) (accepted ? 0 : 1)});
        out.flush();
        return accepted;
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
