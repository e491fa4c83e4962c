package org.qmgr.itests.felix;

import java.io.OutputStream;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The origin HTTP server: Jetty on 127.0.0.1 and an OS-chosen port, in the test driver's class path (never
 * installed in the framework). Serves {@link Payload#PATH} with Content-Length, ETag and {@code bytes=N-} ranges.
 */
public final class Origin {

    private static Origin running;

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final byte[] body = Payload.bytes();

    private Origin() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!Payload.PATH.equals(Request.getPathInContext(request))) {
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                serve(request, response);
                callback.succeeded();
                return true;
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "origin-stop"));
    }

    private void serve(Request request, Response response) throws Exception {
        int start = 0;
        String range = request.getHeaders().get(HttpHeader.RANGE);
        if (range != null && range.matches("bytes=\\d+-")) {
            start = Integer.parseInt(range.substring(6, range.length() - 1));
            response.setStatus(206);
            response.getHeaders().put(HttpHeader.CONTENT_RANGE,
                    "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length - start);
        response.getHeaders().put(HttpHeader.ETAG, "\"payload-" + body.length + "\"");
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        if (!"HEAD".equals(request.getMethod())) {
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(body, start, body.length - start);
            }
        }
    }

    /** @return the base URL of the origin, started once per test JVM */
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
            // the JVM is exiting; nothing left to report to
        }
    }
}
