package org.qmgr.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An origin in the test driver JVM (the JDK's HTTP server on 127.0.0.1) for the secrets test: {@code /auth}
 * answers 401 with a Basic challenge unless the request carries Basic credentials of {@link #USER} with a
 * password ending in {@link #RIGHT}, so the test can make up the password inside Karaf and this origin never
 * needs to know it; {@code /error} answers 500; {@code /redirect} sends a 302 to {@code /auth}. Only its
 * compile-time constants may be used inside Karaf.
 */
final class AuthOrigin implements AutoCloseable {

    static final String USER = "svc-user";
    /** Suffix of every password this origin accepts. */
    static final String RIGHT = "-right";
    static final int SIZE = 4096;

    private final HttpServer server;

    AuthOrigin() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/auth", this::auth);
        server.createContext("/error", x -> reply(x, 500, "no".getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/redirect", x -> {
            x.getResponseHeaders().add("Location", url() + "/auth");
            reply(x, 302, new byte[0]);
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void auth(HttpExchange x) throws IOException {
        if (!accepted(x.getRequestHeaders().getFirst("Authorization"))) {
            x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"secrets\"");
            reply(x, 401, "who are you".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] body = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            body[i] = (byte) i;
        }
        reply(x, 200, body);
    }

    private static boolean accepted(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return pair.startsWith(USER + ":") && pair.endsWith(RIGHT);
    }

    private static void reply(HttpExchange x, int status, byte[] body) throws IOException {
        boolean head = x.getRequestMethod().equals("HEAD");
        if (head && body.length > 0) {
            x.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        }
        x.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
