package org.qmgr.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.qmgr.itests.KarafProcess.Run;

/**
 * {@code bin/qmgr} against a real, separately started Karaf: the tar.gz we ship, unpacked under
 * {@code target/qmgr-script-it} and run by its own scripts ({@link KarafProcess}). Plain JUnit 4, not Pax Exam:
 * the point is the script and the distribution as a user gets them.
 */
public class QmgrScriptIT {

    private static final byte[] SMALL = "hello from the qmgr origin\n".getBytes(StandardCharsets.US_ASCII);

    private static KarafProcess karaf;
    private static Path downloads;
    private static String origin;

    @BeforeClass
    public static void unpackConfigureAndStartKaraf() throws Exception {
        karaf = KarafProcess.unpack("qmgr-script-it");
        downloads = Files.createDirectories(karaf.home().resolve("downloads"));
        origin = Origin.baseUrl();
        karaf.start();
    }

    @AfterClass
    public static void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    public void getWaitDownloadsWithStdinFromDevNullAndGroupsListsTheGroup() throws Exception {
        Path file = downloads.resolve("small.txt");

        Run get = karaf.qmgr("get", "--wait", origin + "/small.txt", file.toString());

        assertEquals(get.output(), 0, get.exit());
        assertArrayEquals(SMALL, Files.readAllBytes(file));
        assertTrue(get.output(), get.stdout().lines().anyMatch(l -> l.equals("complete: " + file)));
        String groupId = get.stdout().lines().filter(l -> l.startsWith("group ")).findFirst()
                .map(l -> l.substring(6).trim()).orElse(null);
        assertNotNull("get names its group: " + get.output(), groupId);

        Run groups = karaf.qmgr("groups", "--no-format");

        assertEquals(groups.output(), 0, groups.exit());
        assertTrue("groups lists the completed group: " + groups.output(),
                groups.stdout().lines().anyMatch(l -> l.contains(groupId) && l.contains("0x140")));
    }

    @Test
    public void getWaitSucceedsWithStdinClosed() throws Exception {
        Path file = downloads.resolve("stdin-closed.txt");

        // the shell closes fd 0, then execs the script with the arguments as they are
        Run get = karaf.run(List.of("sh", "-c", "exec <&- ; exec \"$0\" \"$@\"", "bin/qmgr",
                "get", "--wait", origin + "/small.txt", file.toString()));

        assertEquals(get.output(), 0, get.exit());
        assertArrayEquals(SMALL, Files.readAllBytes(file));
    }

    @Test
    public void getWaitOfAMissingFileExitsNonZeroAndSays404() throws Exception {
        Path file = downloads.resolve("missing.bin");

        Run get = karaf.qmgr("get", "--wait", origin + "/missing.bin", file.toString());

        assertNotEquals(get.output(), 0, get.exit());
        assertTrue(get.output(), get.output().contains("404"));
        assertFalse(Files.exists(file));
    }

    @Test
    public void aRefusedVerbExitsNonZeroWithOneLineNamingTheError() throws Exception {
        Run create = karaf.qmgr("group-create", "--name", "empty");
        assertEquals(create.output(), 0, create.exit());
        String groupId = create.stdout().trim();

        // an empty group has nothing to transfer (spec §2.2.7)
        Run resume = karaf.qmgr("group-resume", groupId);

        assertNotEquals(resume.output(), 0, resume.exit());
        List<String> lines = resume.output().lines().filter(l -> !l.isBlank()).toList();
        assertEquals("one line: " + resume.output(), 1, lines.size());
        assertTrue(lines.get(0), lines.get(0).contains("QM_E_INVALID_STATE: "));
        assertTrue(lines.get(0), lines.get(0).contains(groupId.toUpperCase(java.util.Locale.ROOT)));
        assertEquals(0, karaf.qmgr("group-cancel", groupId).exit());
    }

    @Test
    public void anUnknownCommandExitsNonZero() throws Exception {
        Run run = karaf.qmgr("nosuchcommand");

        assertNotEquals(run.output(), 0, run.exit());
    }

    @Test
    public void noPasswordIsShippedAndTheLoginKeyIsOwnerOnly() throws Exception {
        List<String> users = Files.readAllLines(karaf.home().resolve("etc/users.properties"), UTF_8);
        assertTrue("no active user in etc/users.properties: " + users,
                users.stream().map(String::trim).allMatch(l -> l.isEmpty() || l.startsWith("#")));

        Path key = karaf.home().resolve("etc/qmgr-cli.key");
        assertTrue(Files.isRegularFile(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue("etc/keys.properties authorizes qmgr-cli",
                Files.readAllLines(karaf.home().resolve("etc/keys.properties"), UTF_8).stream()
                        .anyMatch(l -> l.matches("\\s*qmgr-cli\\s*[=:].*")));
    }

    @Test
    public void sshListensOnLoopbackOnly() throws Exception {
        assertEquals(Optional.of("127.0.0.1"),
                KarafProcess.property(karaf.home().resolve("etc/org.apache.karaf.shell.cfg"), "sshHost"));

        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), karaf.sshPort()), 2000);
        }
        for (InetAddress address : nonLoopbackAddresses()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, karaf.sshPort()), 2000);
                fail("SSH accepts connections on " + address);
            } catch (IOException expected) {
                // refused (or filtered): not listening there
            }
        }
    }

    // ---- helpers

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                        .forEach(addresses::add);
            }
        }
        return addresses;
    }
}
