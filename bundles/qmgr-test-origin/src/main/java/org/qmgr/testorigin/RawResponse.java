package org.qmgr.testorigin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

/**
 * Writes a response straight onto the connection, past Jetty's generator, which refuses to send more bytes
 * than the Content-Length it announced: the prepared status and headers, the body, then {@code extra} bytes
 * no length covers, then the connection is closed.
 */
final class RawResponse {

    private final Request request;
    private final Response response;

    RawResponse(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    void send(byte[] entity, int from, int extra, Callback callback) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.getStatus())
                .append(response.getStatus() == 206 ? " Partial Content" : " OK").append("\r\n");
        for (HttpField field : response.getHeaders()) {
            head.append(field.getName()).append(": ").append(field.getValue()).append("\r\n");
        }
        head.append("\r\n");
        byte[] garbage = new byte[extra];
        java.util.Arrays.fill(garbage, (byte) 'X');
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        FutureCallback written = new FutureCallback();
        endPoint.write(written, ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1)),
                ByteBuffer.wrap(entity, from, entity.length - from), ByteBuffer.wrap(garbage));
        try {
            written.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the client went away: the close below ends it all the same
        }
        endPoint.close();
        callback.failed(new IOException("raw response written; the connection is closed"));
    }
}
