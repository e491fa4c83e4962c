package org.qmgr.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AnsiStrippingOutputStreamTest {

    private static final String KARAF_ERROR =
            "\u001b[31mError executing command: \u001b[0m\u001b[31;1mNo matching bundles\u001b[0m\n";

    @Test
    void colourSequencesAreRemovedTextIsKept() throws IOException {
        assertThat(strip(KARAF_ERROR, KARAF_ERROR.length())).isEqualTo("Error executing command: No matching bundles\n");
        assertThat(strip("a\u001b7b\u001b[2Kc é", 100)).isEqualTo("abc é");
    }

    @Test
    void sequencesSplitAcrossWritesAreRemovedToo() throws IOException {
        for (int chunk = 1; chunk < 8; chunk++) {
            assertThat(strip(KARAF_ERROR, chunk)).isEqualTo("Error executing command: No matching bundles\n");
        }
    }

    private static String strip(String text, int chunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (AnsiStrippingOutputStream out = new AnsiStrippingOutputStream(sink)) {
            for (int i = 0; i < bytes.length; i += chunk) {
                out.write(bytes, i, Math.min(chunk, bytes.length - i));
            }
        }
        return sink.toString(StandardCharsets.UTF_8);
    }
}
