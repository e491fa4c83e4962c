package org.qmgr.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The origin HTTP server of the integration tests: Jetty on 127.0.0.1 and an OS-chosen port, in the test
 * driver JVM (never inside Karaf). Serves {@code /ten.bin} (10 MiB, seed 42) and {@code /small.txt}, with
 * Content-Length, ETag and Range support.
 */
public final class Origin {

    private static Origin running;

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Map<String, byte[]> files = Map.of(
            "/ten.bin", TestData.bytes(42, TestData.TEN_MIB),
            "/small.txt", "hello from the qmgr origin\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private Origin() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body = files.get(Request.getPathInContext(request));
                if (body == null) {
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                serve(request, response, callback, body, "\"" + body.length + "\"");
                return true;
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "origin-stop"));
    }

    /**
     * Answers a GET or HEAD for {@code body}: 206 from the start of a {@code bytes=N-} range, else 200, with
     * length, ETag and Accept-Ranges. Shared by the origins of the Pax Exam tests.
     */
    static void serve(Request request, Response response, Callback callback, byte[] body, String etag)
            throws IOException {
        long start = 0;
        String range = request.getHeaders().get(HttpHeader.RANGE);
        if (range != null && range.matches("bytes=\\d+-")) {
            start = Long.parseLong(range.substring(6, range.length() - 1));
            response.setStatus(206);
            response.getHeaders().put(HttpHeader.CONTENT_RANGE,
                    "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length - start);
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        if (!request.getMethod().equals("HEAD")) {
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(body, (int) start, (int) (body.length - start));
            }
        }
        callback.succeeded();
    }

    /** @return the base URL of the origin, started once per driver JVM */
    public static synchronized String baseUrl() throws Exception {
        if (running == null) {
            running = new Origin();
        }
        return "http://127.0.0.1:" + running.connector.getLocalPort();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            // the JVM is exiting
        }
    }
}
