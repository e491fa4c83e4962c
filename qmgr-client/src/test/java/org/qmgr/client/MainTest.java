package org.qmgr.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main end to end against an in-process SSH server standing in for Karaf's. */
class MainTest {

    private static final String USER = "qmgr-cli";

    @TempDir
    Path etc;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private SshServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws Exception {
        KeyPair hostKey = rsa();
        KeyPair loginKey = rsa();
        writePem(loginKey, etc.resolve("qmgr-cli.key"));
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        // like Karaf: the host key file is written when the first key exchange needs the key
        server.setKeyPairProvider(session -> {
            Path file = etc.resolve("host.key");
            if (!Files.exists(file)) {
                writePem(hostKey, file);
            }
            return List.of(hostKey);
        });
        server.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && KeyUtils.compareKeys(loginKey.getPublic(), key));
        server.setCommandFactory((channel, command) -> new FakeKarafCommand(command));
        server.start();
        Files.writeString(etc.resolve(ShellConfig.FILE), "sshHost = 127.0.0.1\nsshPort = " + server.getPort()
                + "\nhostKey = ${karaf.etc}/host.key\n");
    }

    @AfterEach
    void stopServer() throws IOException {
        server.stop(true);
    }

    @Test
    void runsOneQuotedCommandAndPassesItsOutputAndStatus() {
        int status = run("--plain", "get\0--wait\0http://h/f?a=1&b=2\0/tmp/my file\0");

        assertThat(status).isZero();
        assertThat(received).containsExactly("qmgr:get '--wait' 'http://h/f?a=1&b=2' '/tmp/my file'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ran qmgr:get\n");
    }

    @Test
    void aFailingCommandGivesItsStatusAndItsColouredMessageWithoutColours() {
        assertThat(run("--plain", "fail\0")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Error executing command: boom\n");

        assertThat(run("", "fail\0")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\u001b[31m");
    }

    @Test
    void aConnectionLostBeforeTheExitStatusIsAFailureNotASuccess() {
        assertThat(run("--plain", "drop\0")).isEqualTo(ClientException.EXIT_STATUS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ended before the command finished");
    }

    @Test
    void aServerWithAnotherHostKeyIsNotTrusted() throws Exception {
        assertThat(run("--plain", "groups\0")).isZero(); // the first exchange wrote etc/host.key
        received.clear();
        writePem(rsa(), etc.resolve("host.key"));

        assertThat(run("--plain", "groups\0")).isEqualTo(ClientException.EXIT_STATUS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("host key is not the one in");
        assertThat(received).isEmpty();
    }

    @Test
    void noServerAndBadUsageAreReported() throws IOException {
        assertThat(run("--plain", "bad;name\0")).isEqualTo(Main.USAGE);
        server.stop(true);
        assertThat(run("--plain", "groups\0")).isEqualTo(ClientException.EXIT_STATUS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot run the command in Karaf");
    }

    @Test
    void wordsAreNulTerminatedUtf8() throws IOException {
        byte[] input = "a\0\0b é\0c".getBytes(StandardCharsets.UTF_8);
        assertThat(Main.words(new ByteArrayInputStream(input))).containsExactly("a", "", "b é", "c");
    }

    private int run(String plain, String words) {
        out.reset();
        err.reset();
        String[] args = plain.isEmpty()
                ? new String[] {"--etc", etc.toString(), "--user", USER, "--key", etc.resolve("qmgr-cli.key").toString()}
                : new String[] {"--etc", etc.toString(), "--user", USER, "--key", etc.resolve("qmgr-cli.key").toString(),
                    plain};
        return Main.run(args, new ByteArrayInputStream(words.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** PKCS#8 PEM, as Karaf writes etc/host.key and qmgr writes etc/qmgr-cli.key. */
    private static void writePem(KeyPair pair, Path file) throws IOException {
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    /** Answers like Karaf's exec channel: output and status 0, a coloured error and a status, or a lost session. */
    private final class FakeKarafCommand extends AbstractCommandSupport {

        FakeKarafCommand(String command) {
            super(command, null);
        }

        @Override
        public void run() {
            received.add(getCommand());
            try {
                if (getCommand().equals("qmgr:fail")) {
                    getErrorStream().write("\u001b[31mError executing command: \u001b[0mboom\n".getBytes());
                    getErrorStream().flush();
                    onExit(3);
                } else if (getCommand().equals("qmgr:drop")) {
                    getServerSession().close(true);
                } else {
                    getOutputStream().write(("ran " + getCommand().split(" ")[0] + "\n").getBytes());
                    getOutputStream().flush();
                    onExit(0);
                }
            } catch (IOException e) {
                onExit(1, e.toString());
            }
        }
    }
}
