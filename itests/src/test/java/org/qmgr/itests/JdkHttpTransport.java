package org.qmgr.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.qmgr.spi.transport.ResponseInfo;
import org.qmgr.spi.transport.Transport;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;
import org.qmgr.spi.transport.TransportRequest;
import org.qmgr.spi.transport.TransportResponse;

/**
 * A minimal real http {@link Transport} on the JDK's {@link HttpClient} (HTTP/1.1), registered by
 * {@link TransportSwapIT} from inside Karaf: it sends {@code Range: bytes=N-} and {@code If-Range} for an offset,
 * records the {@code Range} header of every open and counts every call the engine makes into it.
 */
final class JdkHttpTransport implements Transport {

    /** The User-Agent it sends, so the origin can tell its requests from the Jetty transport's. */
    static final String USER_AGENT = "qmgr-it-jdk-transport";

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build();
    /** The Range header of each open, in order; an empty Optional for a request from byte 0. */
    private final List<Optional<String>> ranges = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger calls = new AtomicInteger();

    /** @return the Range header each {@link #open} sent, oldest first (empty: no Range) */
    List<Optional<String>> ranges() {
        synchronized (ranges) {
            return List.copyOf(ranges);
        }
    }

    /** @return the calls into this transport so far: probes, opens and reads */
    int calls() {
        return calls.get();
    }

    @Override
    public ResponseInfo probe(TransportRequest request) throws TransportException {
        calls.incrementAndGet();
        HttpResponse<Void> response = send(request, HttpRequest.newBuilder(uri(request)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        return info(request, response.statusCode(), response.headers());
    }

    @Override
    public TransportResponse open(TransportRequest request) throws TransportException {
        calls.incrementAndGet();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request)).GET();
        String range = request.offset() > 0 ? "bytes=" + request.offset() + "-" : null;
        if (range != null) {
            builder.setHeader("Range", range);
            if (request.ifRange() != null) {
                builder.setHeader("If-Range", request.ifRange());
            }
        }
        ranges.add(Optional.ofNullable(range));
        HttpResponse<InputStream> response = send(request, builder, HttpResponse.BodyHandlers.ofInputStream());
        try {
            return new Body(info(request, response.statusCode(), response.headers()), response.body());
        } catch (TransportException e) {
            closeQuietly(response.body());
            throw e;
        }
    }

    private static URI uri(TransportRequest request) throws TransportException {
        try {
            return URI.create(request.url());
        } catch (IllegalArgumentException e) {
            throw new TransportException(Kind.UNSUPPORTED, "not a URL: " + TransportException.withoutUserInfo(
                    request.url()), e);
        }
    }

    private <T> HttpResponse<T> send(TransportRequest request, HttpRequest.Builder builder,
                                     HttpResponse.BodyHandler<T> handler) throws TransportException {
        request.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Range") && !name.equalsIgnoreCase("If-Range")) {
                builder.header(name, value);
            }
        });
        builder.setHeader("User-Agent", USER_AGENT).timeout(TIMEOUT);
        String url = TransportException.withoutUserInfo(request.url());
        try {
            return client.send(builder.build(), handler);
        } catch (HttpTimeoutException e) {
            throw new TransportException(Kind.TIMEOUT, "timed out: " + url, e);
        } catch (ConnectException e) {
            throw new TransportException(Kind.CANNOT_CONNECT, "cannot connect: " + url, e);
        } catch (IOException e) {
            throw new TransportException(Kind.CONNECTION_ABORTED, e + ": " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(Kind.ABORTED, "interrupted: " + url, e);
        }
    }

    /** Reads the metadata of a 2xx response; any other status is a failure. */
    private static ResponseInfo info(TransportRequest request, int status, HttpHeaders headers)
            throws TransportException {
        if (status >= 300) {
            throw TransportException.httpStatus(status, null, request.url());
        }
        long length = headers.firstValueAsLong("Content-Length").orElse(-1);
        long start = 0;
        long entity = length;
        if (status == 206) {
            Matcher m = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
            if (!m.matches()) {
                throw new TransportException(Kind.INVALID_RESPONSE, "206 without a usable Content-Range from "
                        + TransportException.withoutUserInfo(request.url()), null);
            }
            start = Long.parseLong(m.group(1));
            entity = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        }
        boolean ranges = headers.allValues("Accept-Ranges").stream().anyMatch(v -> v.equalsIgnoreCase("bytes"));
        return new ResponseInfo(status, length, start, entity, headers.firstValue("ETag").orElse(null),
                headers.firstValue("Last-Modified").map(JdkHttpTransport::httpDate).orElse(null), ranges);
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null; // an unusable date is no validator
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing cancels the exchange; nothing is left to release
        }
    }

    /** The body of one open response; closing its stream from another thread cancels the exchange. */
    private final class Body implements TransportResponse {

        private final ResponseInfo info;
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private long received;
        private volatile boolean aborted;

        Body(ResponseInfo info, InputStream in) {
            this.info = info;
            this.in = in;
        }

        @Override
        public ResponseInfo info() {
            return info;
        }

        @Override
        public int read(ByteBuffer dst) throws TransportException {
            calls.incrementAndGet();
            if (!dst.hasRemaining()) {
                throw new IllegalArgumentException("no space left in the buffer");
            }
            int n;
            try {
                n = aborted ? -1 : in.read(buffer, 0, Math.min(buffer.length, dst.remaining()));
            } catch (IOException e) {
                if (aborted || Thread.currentThread().isInterrupted()) {
                    throw new TransportException(Kind.ABORTED, "aborted", e);
                }
                throw new TransportException(Kind.CONNECTION_ABORTED, "reading the body: " + e, e);
            }
            if (aborted) {
                throw new TransportException(Kind.ABORTED, "aborted", null);
            }
            if (n < 0) {
                if (info.contentLength() >= 0 && received < info.contentLength()) {
                    throw new TransportException(Kind.CONNECTION_ABORTED, "body ended after " + received + " of "
                            + info.contentLength() + " bytes", null);
                }
                return -1;
            }
            received += n;
            dst.put(buffer, 0, n);
            return n;
        }

        @Override
        public void abort() {
            aborted = true;
            closeQuietly(in);
        }

        @Override
        public void close() {
            closeQuietly(in);
        }
    }
}
