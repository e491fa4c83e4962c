package org.qmgr.transport.jetty.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An origin on a plain loopback socket (port chosen by the OS) that answers one connection with bytes its
 * subclass writes by hand: for responses a well-behaved server library will not send.
 */
abstract class SocketOrigin implements AutoCloseable {

    /** What the origin does with the one connection it accepts; it is closed afterwards. */
    @FunctionalInterface
    interface Exchange {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final ExecutorService executor;
    /** Completes when the exchange is over, exceptionally when it could not be played out. */
    final CompletableFuture<Void> done = new CompletableFuture<>();

    SocketOrigin(String threadName) throws IOException {
        this.executor = Executors.newSingleThreadExecutor(r -> new Thread(r, threadName));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Accepts one connection on the origin's thread and plays {@code exchange} on it. */
    void serveOne(Exchange exchange) {
        executor.execute(() -> {
            try (Socket socket = server.accept()) {
                exchange.run(socket);
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        server.close();
        executor.shutdownNow();
    }
}
