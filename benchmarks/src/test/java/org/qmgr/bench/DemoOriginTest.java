package org.qmgr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo origin: its command line, and its check of downloaded files against what it serves. */
class DemoOriginTest {

    @TempDir
    Path dir;

    @Test
    void parsesSizesWithSuffixesAndRefusesBadValuesNamingThem() {
        DemoOrigin.Settings s = DemoOrigin.Settings.parse(new String[] {"--files", "3", "--size", "2k", "--dir",
                dir.toString(), "--port", "8001"});

        assertThat(s.filesDir()).isEqualTo(dir.resolve("files"));
        assertThat(s.size()).isEqualTo(2048);
        assertThat(s.port()).isEqualTo(8001);
        assertThatThrownBy(() -> DemoOrigin.Settings.parse(new String[] {"--files", "many"}))
                .hasMessage("--files needs a number, not 'many'");
        assertThatThrownBy(() -> DemoOrigin.Settings.parse(new String[] {"--port", "70000"}))
                .hasMessage("--port 70000 is out of range 1..65535");
        assertThatThrownBy(() -> DemoOrigin.Settings.parse(new String[] {"--colour"}))
                .hasMessage("unknown option or missing value: --colour");
    }

    @Test
    void checkPassesServedFilesAndNamesMissingAndAlteredOnes() throws Exception {
        DemoOrigin.Settings s = DemoOrigin.Settings.parse(new String[] {"--files", "3", "--size", "5000", "--dir",
                dir.toString()});
        Files.createDirectories(s.filesDir());
        try (GeneratedOrigin origin = new GeneratedOrigin()) {
            HttpClient http = HttpClient.newHttpClient();
            for (Origin.Source src : origin.sources("demo", 3, 5000)) {
                http.send(HttpRequest.newBuilder(URI.create(src.url())).build(),
                        HttpResponse.BodyHandlers.ofFile(s.filesDir().resolve(src.name())));
            }
        }

        assertThat(DemoOrigin.check(s)).isEmpty();

        Files.delete(s.filesDir().resolve("demo-00001.bin"));
        byte[] altered = Files.readAllBytes(s.filesDir().resolve("demo-00002.bin"));
        altered[4999] ^= 1;
        Files.write(s.filesDir().resolve("demo-00002.bin"), altered);

        assertThat(DemoOrigin.check(s)).hasSize(2).anyMatch(p -> p.equals("demo-00001.bin is missing"))
                .anyMatch(p -> p.startsWith("demo-00002.bin"));
    }
}
