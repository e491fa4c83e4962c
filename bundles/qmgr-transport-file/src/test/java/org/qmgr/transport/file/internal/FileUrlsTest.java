package org.qmgr.transport.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.qmgr.spi.transport.TransportException;
import org.qmgr.spi.transport.TransportException.Kind;

/** Which file: URLs name a readable path on a Unix-like system, and the one-line reasons for the others. */
class FileUrlsTest {

    @Test
    void localFormsNameTheSameAbsolutePath() throws Exception {
        for (String url : new String[] {"file:///srv/data/a.bin", "file:/srv/data/a.bin",
                "file://localhost/srv/data/a.bin", "FILE://LOCALHOST/srv/data/a.bin"}) {
            assertThat(FileUrls.toPath(url, false)).as(url).isEqualTo(Path.of("/srv/data/a.bin"));
        }
    }

    @Test
    void percentEncodedNamesAreDecodedAsUtf8() throws Exception {
        assertThat(FileUrls.toPath("file:///srv/my%20file%3F%23%E2%82%AC.txt", false))
                .isEqualTo(Path.of("/srv/my file?#€.txt"));
    }

    @Test
    void aShareHostIsRefusedOutsideWindowsWithAHint() {
        assertUnsupported("file://fileserver/share/a.bin", "names host 'fileserver'", "mount the share");
    }

    @Test
    void malformedOrForeignUrlsAreUnsupported() {
        assertUnsupported("http://h/a", "not a file URL");
        assertUnsupported("file:relative/a", "no absolute path");
        assertUnsupported("file:///a b", "malformed");
        assertUnsupported("file:///srv/a?x=1", "query or fragment");
        assertUnsupported("file:///srv/a#part", "query or fragment");
        assertUnsupported("file://user@localhost/srv/a", "no user or port");
        assertUnsupported("file://localhost:8080/srv/a", "no user or port");
        assertUnsupported("file:///srv/a%00b", "not name a valid path");
    }

    @Test
    void messagesNeverCarryUserInfo() {
        assertThatThrownBy(() -> FileUrls.toPath("file://joe:secret@host/a", false))
                .isInstanceOf(TransportException.class).message().doesNotContain("secret");
    }

    private static void assertUnsupported(String url, String... fragments) {
        assertThatThrownBy(() -> FileUrls.toPath(url, false)).as(url)
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
                    assertThat(e.getMessage()).contains(fragments).doesNotContain("\n");
                });
    }
}
