package org.qmgr.transport.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.transport.file.internal.FileTransportTest.assertStatus;
import static org.qmgr.transport.file.internal.FileTransportTest.content;
import static org.qmgr.transport.file.internal.FileTransportTest.url;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qmgr.spi.transport.TransportRequest;

/** Source confinement: the allowed roots, symbolic links out of them, and the host's own etc/ and data/. */
class SourceRootsTest {

    @TempDir
    Path dir;

    @Test
    void onlyFilesUnderAnAllowedRootAreRead() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Path inside = Files.write(shared.resolve("in.bin"), content(1, 10));
        Path outside = Files.write(other.resolve("out.bin"), content(2, 10));
        FileTransport transport = new FileTransport(TestConfig.defaults().roots(shared.toString()), false);

        assertThat(transport.probe(TransportRequest.of(url(inside))).contentLength()).isEqualTo(10);
        assertStatus(() -> transport.probe(TransportRequest.of(url(outside))), 403, "outside the allowed source roots");
        // The same answer whether or not the file exists: no probing of the file system outside the roots.
        assertStatus(() -> transport.probe(TransportRequest.of(url(other.resolve("nope")))), 403, "outside");
        assertStatus(() -> transport.probe(TransportRequest.of(url(shared) + "../other/out.bin")), 403, "outside");
    }

    @Test
    void aLinkInsideARootCannotReachOutsideIt() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path outside = Files.write(dir.resolve("private.bin"), content(3, 10));
        Path link = Files.createSymbolicLink(shared.resolve("link.bin"), outside);
        FileTransport transport = new FileTransport(TestConfig.defaults().roots(shared.toString()), false);

        assertStatus(() -> transport.open(TransportRequest.of(url(link))), 403, "outside the allowed source roots");
    }

    @Test
    void aRootGivenThroughALinkAllowsItsRealPath() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), real);
        Path file = Files.write(real.resolve("f.bin"), content(4, 10));
        FileTransport transport = new FileTransport(TestConfig.defaults().roots(alias.toString()), false);

        assertThat(transport.probe(TransportRequest.of(url(file))).contentLength()).isEqualTo(10);
        assertThat(transport.probe(TransportRequest.of(url(alias.resolve("f.bin")))).contentLength()).isEqualTo(10);
    }

    @Test
    void aCommaSeparatedEntryListsSeveralRoots() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));

        SourceRoots roots = SourceRoots.of(new String[] {a + " , " + b}, p -> null);

        assertThat(roots.allowed()).containsExactly(a, b);
    }

    @Test
    void aRelativeRootIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> new FileTransport(TestConfig.defaults().roots("data/shared"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowedRoots entry is not an absolute path: data/shared");
    }

    @Test
    void theHostsEtcAndDataAreRefusedEvenWithoutRoots() throws Exception {
        Path home = Files.createDirectories(dir.resolve("karaf"));
        Path etc = Files.createDirectories(home.resolve("etc"));
        Path data = Files.createDirectories(home.resolve("data"));
        Path users = Files.write(etc.resolve("users.properties"), content(5, 10));
        Path db = Files.write(data.resolve("queue.mv.db"), content(6, 10));
        Path fine = Files.write(home.resolve("readme.txt"), content(7, 10));
        SourceRoots roots = SourceRoots.of(new String[0], Map.of("karaf.home", home.toString())::get);

        assertStatus(() -> SourceFile.locate(url(users), roots, false), 403, "inside the host's own etc directory");
        assertStatus(() -> SourceFile.locate(url(db), roots, false), 403, "inside the host's own data directory");
        assertThat(SourceFile.locate(url(fine), roots, false).validator().size()).isEqualTo(10);
    }

    @Test
    void aLinkIntoTheHostsEtcIsRefused() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path users = Files.write(etc.resolve("users.properties"), content(8, 10));
        Path link = Files.createSymbolicLink(dir.resolve("innocent.txt"), users);
        SourceRoots roots = SourceRoots.of(new String[0], Map.of("karaf.etc", etc.toString())::get);

        assertStatus(() -> SourceFile.locate(url(link), roots, false), 403, "host's own etc directory");
    }
}
