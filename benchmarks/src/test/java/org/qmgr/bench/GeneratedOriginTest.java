package org.qmgr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.bench.Origin.Source;

/** The in-process origin speaks the HTTP the engine and the peers rely on: HEAD, Range, If-Range, validators. */
class GeneratedOriginTest {

    private final GeneratedOrigin origin = new GeneratedOrigin();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Source file = origin.sources("t", 1, 3 * GeneratedContent.PERIOD + 17).get(0);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        origin.close();
    }

    @Test
    void headAnnouncesSizeAndValidators() throws Exception {
        HttpResponse<Void> head = http.send(request().method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("content-length")).hasValue(file.size());
        assertThat(head.headers().firstValue("etag")).hasValueSatisfying(e -> assertThat(e).startsWith("\"g"));
        assertThat(head.headers().firstValue("last-modified")).isPresent();
        assertThat(head.headers().firstValue("accept-ranges")).hasValue("bytes");
    }

    @Test
    void servesTheWholeFileAndRangesOfIt() throws Exception {
        Path whole = dir.resolve(file.name());
        http.send(request().build(), HttpResponse.BodyHandlers.ofFile(whole));
        assertThat(origin.check(file, whole)).isNull();
        byte[] all = Files.readAllBytes(whole);

        HttpResponse<byte[]> tail = http.send(request().header("Range", "bytes=" + (file.size() - 100) + "-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("content-range"))
                .hasValue("bytes " + (file.size() - 100) + "-" + (file.size() - 1) + "/" + file.size());
        assertThat(ByteBuffer.wrap(tail.body())).isEqualTo(ByteBuffer.wrap(all, all.length - 100, 100));

        String etag = tail.headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> current = http.send(request().header("Range", "bytes=5-9").header("If-Range", etag)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(current.statusCode()).isEqualTo(206);
        assertThat(current.body()).containsExactly(java.util.Arrays.copyOfRange(all, 5, 10));

        HttpResponse<Void> changed = http.send(request().header("Range", "bytes=5-").header("If-Range", "\"other\"")
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(changed.statusCode()).as("If-Range of another entity: the whole file").isEqualTo(200);
    }

    @Test
    void checkNamesWhatIsWrong() throws Exception {
        Path shortFile = Files.write(dir.resolve(file.name()), new byte[10]);
        assertThat(origin.check(file, shortFile)).contains("has 10 bytes");
        assertThat(origin.check(file, dir.resolve("missing"))).contains("missing");
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create(file.url()));
    }
}
