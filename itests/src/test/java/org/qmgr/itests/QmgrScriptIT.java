package org.qmgr.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code bin/qmgr} against a real, separately started Karaf: the tar.gz we ship is unpacked under
 * {@code target/qmgr-script-it}, given free SSH and JMX ports, started with {@code bin/start} and stopped with
 * {@code bin/stop} (the pid is killed if it does not exit). Plain JUnit 4, not Pax Exam: the point is the
 * script and the distribution as a user gets them.
 */
public class QmgrScriptIT {

    private static final byte[] SMALL = "hello from the qmgr origin\n".getBytes(StandardCharsets.US_ASCII);
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);

    private static Path karaf;
    private static Path downloads;
    private static String origin;
    private static int sshPort;

    @BeforeClass
    public static void unpackConfigureAndStartKaraf() throws Exception {
        Path target = Paths.get(System.getProperty("project.build.directory", "target"));
        Path dir = target.resolve("qmgr-script-it").toAbsolutePath();
        deleteRecursively(dir);
        karaf = Files.createDirectories(dir).toRealPath();
        String distribution = System.getProperty("qmgr.distribution");
        assertNotNull("system property qmgr.distribution", distribution);
        Run untar = run(List.of("tar", "-xzf", distribution, "--strip-components=1"));
        assertEquals("tar: " + untar.output, 0, untar.exit);
        downloads = Files.createDirectories(karaf.resolve("downloads"));

        // Every port this distribution binds besides the shutdown port (random, in data/port): SSH and JMX/RMI.
        // instance and diagnostic bind none; jmxmp is disabled; KARAF_DEBUG is removed from the environment.
        sshPort = freePort();
        Path shell = karaf.resolve("etc/org.apache.karaf.shell.cfg");
        setProperty(shell, "sshPort", Integer.toString(sshPort));
        Path management = karaf.resolve("etc/org.apache.karaf.management.cfg");
        setProperty(management, "rmiRegistryPort", Integer.toString(freePort()));
        setProperty(management, "rmiServerPort", Integer.toString(freePort()));

        origin = Origin.baseUrl();
        Run start = run(List.of("bin/start"));
        assertEquals("bin/start: " + start.output, 0, start.exit);

        AtomicReference<Run> poll = new AtomicReference<>();
        try {
            await("bin/qmgr groups succeeds").atMost(READY).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Optional<ProcessHandle> pid = karafProcess();
                if (pid.isPresent() && !pid.get().isAlive()) {
                    throw new AssertionError("Karaf exited while starting; see " + karaf.resolve("data/log"));
                }
                poll.set(qmgr("groups"));
                return poll.get().exit == 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Karaf not ready in " + READY + "; last bin/qmgr groups: " + poll.get(), e);
        }
    }

    @AfterClass
    public static void stopKaraf() throws Exception {
        if (karaf == null) {
            return;
        }
        Optional<ProcessHandle> pid = karafProcess();
        try {
            run(List.of("bin/stop"));
            if (pid.isPresent()) {
                await("Karaf exits").atMost(STOP).pollInterval(Duration.ofMillis(200)).until(() -> !pid.get().isAlive());
            }
        } catch (Throwable e) {
            if (pid.isPresent()) {
                pid.get().destroyForcibly();
                pid.get().onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
            }
            throw e;
        } finally {
            // a Karaf of this directory that never wrote its pid, e.g. after a failed start
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("-Dkaraf.home=" + karaf + " ")).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    public void getWaitDownloadsWithStdinFromDevNullAndGroupsListsTheGroup() throws Exception {
        Path file = downloads.resolve("small.txt");

        Run get = qmgr("get", "--wait", origin + "/small.txt", file.toString());

        assertEquals(get.output, 0, get.exit);
        assertArrayEquals(SMALL, Files.readAllBytes(file));
        assertTrue(get.output, get.stdout.lines().anyMatch(l -> l.equals("complete: " + file)));
        String groupId = get.stdout.lines().filter(l -> l.startsWith("group ")).findFirst()
                .map(l -> l.substring(6).trim()).orElse(null);
        assertNotNull("get names its group: " + get.output, groupId);

        Run groups = qmgr("groups", "--no-format");

        assertEquals(groups.output, 0, groups.exit);
        assertTrue("groups lists the completed group: " + groups.output,
                groups.stdout.lines().anyMatch(l -> l.contains(groupId) && l.contains("0x140")));
    }

    @Test
    public void getWaitSucceedsWithStdinClosed() throws Exception {
        Path file = downloads.resolve("stdin-closed.txt");

        // the shell closes fd 0, then execs the script with the arguments as they are
        Run get = run(List.of("sh", "-c", "exec <&- ; exec \"$0\" \"$@\"", "bin/qmgr",
                "get", "--wait", origin + "/small.txt", file.toString()));

        assertEquals(get.output, 0, get.exit);
        assertArrayEquals(SMALL, Files.readAllBytes(file));
    }

    @Test
    public void getWaitOfAMissingFileExitsNonZeroAndSays404() throws Exception {
        Path file = downloads.resolve("missing.bin");

        Run get = qmgr("get", "--wait", origin + "/missing.bin", file.toString());

        assertNotEquals(get.output, 0, get.exit);
        assertTrue(get.output, get.output.contains("404"));
        assertFalse(Files.exists(file));
    }

    @Test
    public void anUnknownCommandExitsNonZero() throws Exception {
        Run run = qmgr("nosuchcommand");

        assertNotEquals(run.output, 0, run.exit);
    }

    @Test
    public void noPasswordIsShippedAndTheLoginKeyIsOwnerOnly() throws Exception {
        List<String> users = Files.readAllLines(karaf.resolve("etc/users.properties"), UTF_8);
        assertTrue("no active user in etc/users.properties: " + users,
                users.stream().map(String::trim).allMatch(l -> l.isEmpty() || l.startsWith("#")));

        Path key = karaf.resolve("etc/qmgr-cli.key");
        assertTrue(Files.isRegularFile(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue("etc/keys.properties authorizes qmgr-cli",
                Files.readAllLines(karaf.resolve("etc/keys.properties"), UTF_8).stream()
                        .anyMatch(l -> l.matches("\\s*qmgr-cli\\s*[=:].*")));
    }

    @Test
    public void sshListensOnLoopbackOnly() throws Exception {
        assertEquals(Optional.of("127.0.0.1"), property(karaf.resolve("etc/org.apache.karaf.shell.cfg"), "sshHost"));

        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), sshPort), 2000);
        }
        for (InetAddress address : nonLoopbackAddresses()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, sshPort), 2000);
                fail("SSH accepts connections on " + address);
            } catch (IOException expected) {
                // refused (or filtered): not listening there
            }
        }
    }

    // ---- helpers

    /** Output and status of one finished process. */
    private record Run(int exit, String stdout, String output) {
    }

    /** Runs {@code bin/qmgr args…} with stdin from /dev/null. */
    private static Run qmgr(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bin/qmgr"));
        command.addAll(List.of(args));
        return run(command);
    }

    /**
     * Runs a command in the Karaf directory with stdin from /dev/null, a clean Karaf environment and stdout and
     * stderr captured in files (no reader threads); kills it and its descendants if it outlives {@link #COMMAND}.
     */
    private static Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile(karaf, "out", ".txt");
        Path err = Files.createTempFile(karaf, "err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(karaf.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("KARAF_") || k.startsWith("JAVA_") || k.equals("EXTRA_JAVA_OPTS")
                    || k.startsWith("QMGR_"));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KARAF_REDIRECT", karaf.resolve("karaf.out").toString());
            Process process = builder.start();
            if (!process.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                fail(command + " did not finish within " + COMMAND);
            }
            String stdout = Files.readString(out, UTF_8);
            return new Run(process.exitValue(), stdout, stdout + Files.readString(err, UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Optional<ProcessHandle> karafProcess() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(karaf.resolve("karaf.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Sets {@code key = value} in a Karaf .cfg file, replacing the active line that must be there. */
    private static void setProperty(Path cfg, String key, String value) throws IOException {
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=.*$", Pattern.MULTILINE);
        String text = Files.readString(cfg, UTF_8);
        Matcher matcher = line.matcher(text);
        assertTrue(key + " in " + cfg, matcher.find());
        Files.writeString(cfg, matcher.replaceFirst(Matcher.quoteReplacement(key + " = " + value)), UTF_8);
    }

    private static Optional<String> property(Path cfg, String key) throws IOException {
        Matcher matcher = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=\\s*(.*?)\\s*$", Pattern.MULTILINE)
                .matcher(Files.readString(cfg, UTF_8));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
