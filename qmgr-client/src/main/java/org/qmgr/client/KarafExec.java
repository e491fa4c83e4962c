package org.qmgr.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.io.output.NoCloseOutputStream;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Runs one command in Karaf over an SSH exec channel: logs in with a key, accepts only the host key Karaf's own
 * {@code hostKey} file holds, sends no input, and returns the command's exit status.
 */
final class KarafExec {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
    /** Liveness while a command is silent (e.g. waiting for a transfer): no reply to this many heartbeats = dead. */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    static final int HEARTBEAT_NO_REPLY_MAX = 4;

    private final ShellConfig shell;
    private final String user;
    private final Path keyFile;

    KarafExec(ShellConfig shell, String user, Path keyFile) {
        this.shell = shell;
        this.user = user;
        this.keyFile = keyFile;
    }

    /**
     * @return the exit status Karaf reported: 0 for success, 1 when the command threw, or the Integer it returned
     * @throws ClientException when Karaf cannot be reached or trusted, refuses the login, or the connection ends
     *                         before an exit status arrived
     */
    int run(String command, OutputStream out, OutputStream err) throws ClientException {
        KeyPair identity = load(keyFile, "login key");
        HostKeyCheck hostKey = new HostKeyCheck();
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(hostKey);
            // A command may legitimately print nothing for hours; liveness comes from the heartbeats instead.
            CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
            CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, Duration.ZERO);
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, HEARTBEAT_INTERVAL);
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, HEARTBEAT_NO_REPLY_MAX);
            client.start();
            try (ClientSession session = connect(client)) {
                session.addPublicKeyIdentity(identity);
                session.auth().verify(AUTH_TIMEOUT);
                return exec(session, command, out, err);
            }
        } catch (IOException e) {
            throw new ClientException("cannot run the command in Karaf at " + shell.host() + ":" + shell.port()
                    + ": " + reason(e, hostKey), e);
        }
    }

    /**
     * Accepts only the public half of Karaf's {@code hostKey} file. Read when the server presents its key, not
     * before: Karaf creates the file lazily, at the first key exchange after its first start.
     */
    private final class HostKeyCheck implements ServerKeyVerifier {

        private volatile String failure;

        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress address, PublicKey serverKey) {
            try {
                if (KeyUtils.compareKeys(load(shell.hostKey(), "Karaf's SSH host key").getPublic(), serverKey)) {
                    return true;
                }
                failure = "the server's host key is not the one in " + shell.hostKey();
            } catch (ClientException e) {
                failure = e.getMessage();
            }
            return false;
        }
    }

    private static String reason(IOException e, HostKeyCheck hostKey) {
        if (hostKey.failure != null) {
            return hostKey.failure;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "nothing listens there; is Karaf running (bin/status)?";
            }
        }
        return e.getMessage();
    }

    private ClientSession connect(SshClient client) throws IOException {
        return client.connect(user, shell.host(), shell.port()).verify(CONNECT_TIMEOUT).getClientSession();
    }

    private static int exec(ClientSession session, String command, OutputStream out, OutputStream err)
            throws IOException, ClientException {
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setIn(new ByteArrayInputStream(new byte[0]));
            channel.setOut(new NoCloseOutputStream(out));
            channel.setErr(new NoCloseOutputStream(err));
            channel.open().verify(AUTH_TIMEOUT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
            out.flush();
            err.flush();
            Integer status = channel.getExitStatus();
            if (status == null) {
                throw new ClientException("the connection to Karaf ended before the command finished", null);
            }
            return status;
        }
    }

    private static KeyPair load(Path file, String what) throws ClientException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterator<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(
                    null, NamedResource.ofName(file.toString()), in, null).iterator();
            if (keys.hasNext()) {
                return keys.next();
            }
            throw new ClientException("no key in " + what + " file " + file, null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ClientException("cannot read " + what + " " + file + ": " + e, e);
        }
    }
}
