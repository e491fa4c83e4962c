package org.qmgr.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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

/**
 * The karaf-distribution tar.gz we ship, unpacked under {@code target/<name>} and run as a separate process by
 * its own scripts: free SSH and JMX ports, {@code bin/start}, {@code bin/qmgr}, {@code bin/stop}, and a
 * {@code kill -9} of the Karaf JVM for crash tests. {@link #close()} leaves no process of the installation
 * running; the directory stays in {@code target/} for its logs and is replaced by the next run.
 */
final class KarafProcess implements AutoCloseable {

    /** One {@link #run} longer than this is killed: a hung client must not hang the build. */
    static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final String MAIN = "org.apache.karaf.main.Main";

    /** Output and status of one finished process. */
    record Run(int exit, String stdout, String output) {
    }

    private final Path home;
    private final int sshPort;

    private KarafProcess(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /**
     * Unpacks the distribution named by system property {@code qmgr.distribution} into a fresh
     * {@code target/<name>} and gives it free SSH and JMX/RMI ports.
     */
    static KarafProcess unpack(String name) throws Exception {
        Path target = Paths.get(System.getProperty("project.build.directory", "target"));
        Path dir = target.resolve(name).toAbsolutePath();
        deleteRecursively(dir);
        Path home = Files.createDirectories(dir).toRealPath();
        String distribution = System.getProperty("qmgr.distribution");
        if (distribution == null) {
            throw new AssertionError("system property qmgr.distribution is not set");
        }
        int sshPort = freePort();
        KarafProcess karaf = new KarafProcess(home, sshPort);
        Run untar = karaf.run(List.of("tar", "-xzf", distribution, "--strip-components=1"));
        if (untar.exit() != 0) {
            throw new AssertionError("tar -xzf " + distribution + ": " + untar.output());
        }
        // Every port this distribution binds besides the shutdown port (random, in data/port): SSH and JMX/RMI.
        // instance and diagnostic bind none; jmxmp is disabled; KARAF_DEBUG is removed from the environment.
        setProperty(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(sshPort));
        Path management = home.resolve("etc/org.apache.karaf.management.cfg");
        setProperty(management, "rmiRegistryPort", Integer.toString(freePort()));
        setProperty(management, "rmiServerPort", Integer.toString(freePort()));
        return karaf;
    }

    /** @return the installation directory (KARAF_HOME), a real path */
    Path home() {
        return home;
    }

    /** @return the SSH port the installation listens on (loopback only) */
    int sshPort() {
        return sshPort;
    }

    /** Runs {@code bin/start} and waits until {@code bin/qmgr groups} succeeds; fails if the JVM exits first. */
    void start() throws Exception {
        // a pid file left by a killed JVM would look like a Karaf that died while starting
        if (pidFileProcess().map(p -> !p.isAlive()).orElse(false)) {
            Files.delete(home.resolve("karaf.pid"));
        }
        Run start = run(List.of("bin/start"));
        if (start.exit() != 0) {
            throw new AssertionError("bin/start exited with " + start.exit() + ": " + start.output());
        }
        long deadline = System.nanoTime() + READY.toNanos();
        // A bin/qmgr round trip is a JVM start: poll the SSH port first (nearly free), so the polls do not
        // compete with the booting Karaf for the CPU.
        try {
            await("SSH port " + sshPort + " open").atMost(READY).pollInterval(Duration.ofMillis(250))
                    .until(() -> aliveWhileStarting() && sshOpen());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Karaf's SSH port " + sshPort + " not open in " + READY, e);
        }
        AtomicReference<Run> poll = new AtomicReference<>();
        Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos()));
        try {
            await("bin/qmgr groups succeeds").atMost(left).pollInterval(Duration.ofSeconds(1)).until(() -> {
                poll.set(qmgr("groups"));
                return aliveWhileStarting() && poll.get().exit() == 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Karaf not ready in " + READY + "; last bin/qmgr groups: " + poll.get(), e);
        }
    }

    /** @return {@code true}; throws if the JVM that wrote karaf.pid has exited already */
    private boolean aliveWhileStarting() {
        Optional<ProcessHandle> pid = pidFileProcess();
        if (pid.isPresent() && !pid.get().isAlive()) {
            throw new AssertionError("Karaf exited while starting; see " + home.resolve("data/log"));
        }
        return true;
    }

    private boolean sshOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), sshPort), 1000);
            return true;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /**
     * The running Karaf JVM of this installation: the process named in {@code karaf.pid} (written by the JVM
     * itself), checked to be a java process running Karaf's main class with this installation as its base.
     *
     * @throws AssertionError if there is none, or karaf.pid names another process
     */
    ProcessHandle jvm() {
        ProcessHandle pid = pidFileProcess().filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new AssertionError("no live process in " + home.resolve("karaf.pid")
                        + "; processes of this installation: " + processes().map(this::describe).toList()));
        String commandLine = pid.info().commandLine().orElse("");
        if (!commandLine.contains(MAIN) || !ownedBy(pid)) {
            throw new AssertionError("karaf.pid names " + describe(pid) + ", not the Karaf JVM of " + home);
        }
        return pid;
    }

    /** Sends SIGKILL ({@code kill -9}) to the Karaf JVM and waits until it is gone: no shutdown hook runs. */
    void kill() throws Exception {
        ProcessHandle jvm = jvm();
        Run kill = run(List.of("kill", "-KILL", Long.toString(jvm.pid())));
        if (kill.exit() != 0) {
            throw new AssertionError("kill -KILL " + jvm.pid() + ": " + kill.output());
        }
        jvm.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
    }

    /** Stops Karaf in order with {@code bin/stop} and waits until its JVM has exited. */
    void stop() throws Exception {
        ProcessHandle jvm = jvm();
        Run stop = run(List.of("bin/stop"));
        if (stop.exit() != 0) {
            throw new AssertionError("bin/stop exited with " + stop.exit() + ": " + stop.output());
        }
        jvm.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
    }

    /** Runs {@code bin/qmgr args…} with stdin from /dev/null. */
    Run qmgr(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bin/qmgr"));
        command.addAll(List.of(args));
        return run(command);
    }

    /**
     * Runs a command in the Karaf directory with stdin from /dev/null, a clean Karaf environment and stdout and
     * stderr captured in files (no reader threads); kills it and its descendants if it outlives {@link #COMMAND}.
     */
    Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("KARAF_") || k.startsWith("JAVA_") || k.equals("EXTRA_JAVA_OPTS")
                    || k.startsWith("QMGR_"));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KARAF_REDIRECT", home.resolve("karaf.out").toString());
            Process process = builder.start();
            if (!process.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within " + COMMAND);
            }
            String stdout = Files.readString(out, UTF_8);
            return new Run(process.exitValue(), stdout, stdout + Files.readString(err, UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Stops Karaf with {@code bin/stop} if it runs, killing the JVM if it does not exit in time, then kills any
     * process of this installation still there (e.g. a JVM that never wrote its pid).
     */
    @Override
    public void close() throws Exception {
        Optional<ProcessHandle> pid = pidFileProcess().filter(ProcessHandle::isAlive);
        try {
            if (pid.isPresent()) {
                run(List.of("bin/stop"));
                await("Karaf exits").atMost(STOP).pollInterval(Duration.ofMillis(200)).until(() -> !pid.get().isAlive());
            }
        } catch (Throwable e) {
            if (pid.isPresent()) {
                pid.get().destroyForcibly();
                pid.get().onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
            }
            throw e;
        } finally {
            processes().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Sets {@code key = value} in a Karaf .cfg file, replacing the active line that must be there. */
    static void setProperty(Path cfg, String key, String value) throws IOException {
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=.*$", Pattern.MULTILINE);
        String text = Files.readString(cfg, UTF_8);
        Matcher matcher = line.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no active " + key + " line in " + cfg);
        }
        Files.writeString(cfg, matcher.replaceFirst(Matcher.quoteReplacement(key + " = " + value)), UTF_8);
    }

    /** @return the value of the active {@code key = value} line of a Karaf .cfg file */
    static Optional<String> property(Path cfg, String key) throws IOException {
        Matcher matcher = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=\\s*(.*?)\\s*$", Pattern.MULTILINE)
                .matcher(Files.readString(cfg, UTF_8));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private Optional<ProcessHandle> pidFileProcess() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(home.resolve("karaf.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every live Karaf JVM of this installation (by its {@code -Dkaraf.home}), whether or not it wrote its pid. */
    private Stream<ProcessHandle> processes() {
        return ProcessHandle.allProcesses().filter(this::ownedBy);
    }

    private boolean ownedBy(ProcessHandle process) {
        return process.info().commandLine().map(c -> c.contains("-Dkaraf.home=" + home + " ")).orElse(false);
    }

    private String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("(command line unknown)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
