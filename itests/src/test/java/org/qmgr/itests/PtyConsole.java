package org.qmgr.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.channel.PtyChannelConfigurationHolder;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Karaf's console as a user at a terminal has it: an SSH shell channel to a {@link KarafProcess} with a
 * pseudo-terminal ({@code xterm}, {@link #COLUMNS} columns), logged in as {@code qmgr-cli} with the installation's
 * own {@code etc/qmgr-cli.key}. Everything the console writes is kept raw, for tests to search and await.
 */
final class PtyConsole implements AutoCloseable {

    static final int COLUMNS = 100;
    static final int ROWS = 40;
    /** Generous: the machine builds other things at the same time. */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    /** A CSI escape sequence (cursor movement, erase, colours, modes). */
    private static final Pattern CSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    /** Karaf's prompt once escapes are removed: {@code user@instance(subshell)> }. */
    private static final Pattern PROMPT = Pattern.compile("qmgr-cli@[\\w.-]+\\([^)]*\\)> ");
    private static final Duration POLL = Duration.ofMillis(100);

    private final SshClient client;
    private final ClientSession session;
    private final ChannelShell shell;
    /** Written by SSHD's I/O threads; ByteArrayOutputStream's methods are synchronized. */
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final OutputStream keyboard;

    private PtyConsole(SshClient client, ClientSession session, ChannelShell shell) throws IOException {
        this.client = client;
        this.session = session;
        this.shell = shell;
        shell.setOut(screen);
        shell.setErr(screen);
        shell.open().verify(DEADLINE);
        this.keyboard = shell.getInvertedIn();
    }

    /** Logs in to the running Karaf and waits for its first prompt. */
    static PtyConsole open(KarafProcess karaf) throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        // loopback, and the Karaf this test started itself: there is no one to impersonate it
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try {
            ClientSession session = client.connect("qmgr-cli", "127.0.0.1", karaf.sshPort()).verify(DEADLINE)
                    .getClientSession();
            session.addPublicKeyIdentity(loginKey(karaf.home().resolve("etc/qmgr-cli.key")));
            session.auth().verify(DEADLINE);
            PtyConsole console = new PtyConsole(client, session, session.createShellChannel(terminal(), Map.of()));
            console.awaitPromptAfter(0);
            return console;
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** What OpenSSH sends from an ordinary xterm: its size and the line discipline, Ctrl-C raising SIGINT. */
    private static PtyChannelConfiguration terminal() {
        PtyChannelConfiguration pty = new PtyChannelConfiguration();
        pty.setPtyType("xterm");
        pty.setPtyColumns(COLUMNS);
        pty.setPtyLines(ROWS);
        Map<PtyMode, Integer> modes = new EnumMap<>(PtyChannelConfigurationHolder.DEFAULT_PTY_MODES);
        modes.put(PtyMode.VINTR, 3);
        modes.put(PtyMode.ISIG, 1);
        pty.setPtyModes(modes);
        return pty;
    }

    private static KeyPair loginKey(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null)
                    .iterator().next();
        }
    }

    /** Types a command line and Enter. */
    void type(String line) throws IOException {
        keyboard.write((line + "\r").getBytes(UTF_8));
        keyboard.flush();
    }

    /** Presses Ctrl-C. */
    void ctrlC() throws IOException {
        keyboard.write(3);
        keyboard.flush();
    }

    /** @return how many bytes the console has written so far: a mark for {@link #raw(int)} and friends */
    int mark() {
        return screen.size();
    }

    /** @return the console's raw output from byte {@code from} on, escapes included */
    String raw(int from) {
        byte[] bytes = screen.toByteArray();
        return new String(bytes, from, bytes.length - from, UTF_8);
    }

    /** @return the output from byte {@code from} on without CSI escapes: roughly what a log of the screen shows */
    String text(int from) {
        return plain(raw(from));
    }

    static String plain(String raw) {
        return CSI.matcher(raw).replaceAll("");
    }

    /** Waits until a prompt follows the last match of {@code after} in the output from {@code from} on. */
    void awaitPromptAfter(int from, Pattern after) {
        awaitOutput("a prompt after the last /" + after + "/", () -> {
            String text = text(from);
            Matcher m = after.matcher(text);
            int end = -1;
            while (m.find()) {
                end = m.end();
            }
            return end >= 0 && PROMPT.matcher(text).region(end, text.length()).find();
        });
    }

    /** Waits until the output from {@code from} on shows a prompt. */
    void awaitPromptAfter(int from) {
        awaitOutput("a prompt", () -> PROMPT.matcher(text(from)).find());
    }

    /**
     * Waits until {@code condition} holds, at most {@link #DEADLINE}.
     *
     * @throws AssertionError naming what was awaited, with the whole console output, escapes made visible
     */
    void awaitOutput(String what, Callable<Boolean> condition) {
        try {
            await(what).atMost(DEADLINE).pollInterval(POLL).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + DEADLINE + "; the console showed:\n" + visible(raw(0)), e);
        }
    }

    /** @return the text with ESC and CR spelled out, for failure messages */
    static String visible(String raw) {
        return raw.replace("\u001B", "<ESC>").replace("\r", "<CR>");
    }

    @Override
    public void close() throws IOException {
        try {
            shell.close(true);
            session.close(true);
        } finally {
            client.stop();
            client.close();
        }
    }
}
