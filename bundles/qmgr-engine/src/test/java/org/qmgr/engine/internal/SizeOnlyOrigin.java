package org.qmgr.engine.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * An in-process origin that announces a size no test could serve (e.g. 5 GiB): HEAD answers with it, and GET
 * sends the headers with it, then drops the connection without a byte of the body, so the engine learns a
 * file's size without a byte being transferred.
 */
final class SizeOnlyOrigin implements AutoCloseable {

    /** {@code "<method> <status>"} per request, in arrival order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    SizeOnlyOrigin(long size) throws Exception {
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (request.getMethod().equals("HEAD")) {
                    requests.add("HEAD 200");
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
                    response.getHeaders().put(HttpHeader.ETAG, "\"size-only\"");
                    response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
                    callback.succeeded();
                } else {
                    requests.add(request.getMethod() + " 200");
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
                    response.getHeaders().put(HttpHeader.ETAG, "\"size-only\"");
                    // Commit the headers, then fail: the connection closes before any body byte.
                    response.write(false, BufferUtil.EMPTY_BUFFER, Callback.from(
                            () -> callback.failed(new IOException("size only")), callback::failed));
                }
                return true;
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/huge.bin";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
