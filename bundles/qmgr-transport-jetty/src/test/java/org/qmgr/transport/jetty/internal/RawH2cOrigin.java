package org.qmgr.transport.jetty.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HTTP/2 origin by prior knowledge (h2c) written frame by frame on a plain socket, for what a well-behaved
 * server library will not send: it answers one GET with a response header block of about {@code headerBytes}
 * (plain HPACK literals, split into HEADERS and CONTINUATION frames of 16 KiB), whatever header list size the
 * client announced, then a short body. It encodes nothing it does not need (RFC 9113 §3.4, §4.1, §6.2, §6.10;
 * RFC 7541 §5.1, §6.2.2), so the client's limit on header blocks is what gets tested, not a server's encoder.
 * {@link #done} completes once the client has closed the connection or gone away.
 */
final class RawH2cOrigin extends SocketOrigin {

    static final byte[] BODY = "hello over h2c".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int SETTINGS = 0x4;
    private static final int GOAWAY = 0x7;
    private static final int CONTINUATION = 0x9;
    private static final int END_STREAM = 0x1;
    private static final int ACK = 0x1;
    private static final int END_HEADERS = 0x4;
    /** The default SETTINGS_MAX_FRAME_SIZE, which the client does not raise. */
    private static final int MAX_FRAME = 16 * 1024;
    private static final int FILLER_VALUE = 100;

    RawH2cOrigin() throws IOException {
        super("raw-h2c-origin");
    }

    String url() {
        return url("/headers");
    }

    /** Serves one request with about {@code headerBytes} of response headers, then {@link #BODY}. */
    RawH2cOrigin serveHeaders(int headerBytes) {
        serveOne(socket -> {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte[] preface = new byte[PREFACE.length];
            in.readFully(preface);
            if (!Arrays.equals(preface, PREFACE)) {
                throw new IOException("not an HTTP/2 client preface");
            }
            frame(out, SETTINGS, 0, 0, new byte[0]);
            int stream = awaitRequest(in, out);
            byte[] block = headerBlock(headerBytes);
            for (int from = 0; from < block.length; from += MAX_FRAME) {
                int to = Math.min(block.length, from + MAX_FRAME);
                frame(out, from == 0 ? HEADERS : CONTINUATION, to == block.length ? END_HEADERS : 0, stream,
                        Arrays.copyOfRange(block, from, to));
            }
            frame(out, DATA, END_STREAM, stream, BODY);
            out.flush();
            drainUntilTheClientLeaves(in);
        });
        return this;
    }

    /** Reads the client's frames, acknowledging its SETTINGS, up to its request's HEADERS; returns the stream. */
    private static int awaitRequest(DataInputStream in, OutputStream out) throws IOException {
        while (true) {
            Frame f = Frame.read(in);
            if (f.type() == SETTINGS && (f.flags() & ACK) == 0) {
                frame(out, SETTINGS, ACK, 0, new byte[0]);
            } else if (f.type() == HEADERS) {
                if ((f.flags() & END_HEADERS) == 0) {
                    throw new IOException("the request's headers span frames; this origin reads one");
                }
                return f.stream();
            }
        }
    }

    /** Until the client closes the connection (or sends GOAWAY): what it sends meanwhile does not matter. */
    private static void drainUntilTheClientLeaves(DataInputStream in) throws IOException {
        try {
            while (Frame.read(in).type() != GOAWAY) {
                // skip it
            }
        } catch (java.io.EOFException | java.net.SocketException gone) {
            // the client closed or reset the connection: the exchange is over either way
        }
    }

    /** One frame the client sent, its payload read and dropped (RFC 9113 §4.1). */
    private record Frame(int type, int flags, int stream) {
        static Frame read(DataInputStream in) throws IOException {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            in.readFully(new byte[length]);
            return new Frame(type, flags, stream);
        }
    }

    /** {@code :status 200} (static index 8), then filler fields as literals without indexing and without Huffman. */
    private static byte[] headerBlock(int bytes) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x88);
        literal(block, "content-length", Integer.toString(BODY.length));
        String value = "x".repeat(FILLER_VALUE);
        for (int i = 0; block.size() < bytes; i++) {
            literal(block, "x-filler-" + i, value);
        }
        return block.toByteArray();
    }

    private static void literal(ByteArrayOutputStream block, String name, String value) {
        block.write(0x00);
        string(block, name);
        string(block, value);
    }

    private static void string(ByteArrayOutputStream block, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        // a 7-bit prefix integer, the Huffman bit clear
        int n = bytes.length;
        if (n < 127) {
            block.write(n);
        } else {
            block.write(127);
            for (n -= 127; n >= 128; n >>= 7) {
                block.write((n & 0x7f) | 0x80);
            }
            block.write(n);
        }
        block.writeBytes(bytes);
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
            (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
            (byte) stream});
        out.write(payload);
    }
}
