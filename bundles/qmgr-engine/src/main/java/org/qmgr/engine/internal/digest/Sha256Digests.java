package org.qmgr.engine.internal.digest;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the engine's SHA-256 once per JVM, on first use: the JDK digest with exportable state when
 * {@code java.base/sun.security.provider} is open to us and a self-test against {@link PortableSha256}
 * passes, else the plain JDK digest, whose state cannot be checkpointed. Says which at INFO, once.
 */
public final class Sha256Digests {

    /** The JVM option that lets the JDK digest's state be checkpointed. */
    public static final String OPEN_OPTION = "--add-opens java.base/sun.security.provider=ALL-UNNAMED";

    private static final Logger LOG = LoggerFactory.getLogger(Sha256Digests.class);

    private Sha256Digests() {
    }

    /** Initialization-on-demand holder: the probe runs once, when a digest is first needed. */
    private static final class Probe {
        static final JdkSha256.Access ACCESS = probe();
    }

    /** @return whether the JDK digest's state can be exported and imported here */
    public static boolean checkpointable() {
        return Probe.ACCESS != null;
    }

    /** @return the JDK digest's members as probed once, or {@code null} when unusable */
    static JdkSha256.Access access() {
        return Probe.ACCESS;
    }

    /** @return a digest for streaming at the JDK's speed, exporting its state when {@code access} is given */
    static ResumableSha256 newDigest(JdkSha256.Access access) {
        return access == null ? new PlainJdkSha256() : new JdkSha256(access);
    }

    /** @return a digest continuing from {@code state}: the JDK's when {@code access} is given, else portable */
    static ResumableSha256 resume(Sha256State state, JdkSha256.Access access) {
        return access == null ? new PortableSha256(state) : new JdkSha256(access, state);
    }

    /** @return the JDK digest's members, or {@code null} when they cannot be used (logged) */
    static JdkSha256.Access probe() {
        JdkSha256.Access access;
        try {
            access = JdkSha256.Access.resolve();
        } catch (GeneralSecurityException | ReflectiveOperationException | RuntimeException e) {
            // RuntimeException: InaccessibleObjectException, the usual answer when the package is not opened.
            LOG.info("SHA-256 checkpoints off: the JDK digest's state is not accessible ({}); a resumed file is "
                    + "rehashed from disk. Start the JVM with {} to avoid that", e.toString(), OPEN_OPTION);
            return null;
        }
        String failure = selfTest(access);
        if (failure != null) {
            LOG.info("SHA-256 checkpoints off: the JDK digest's state failed the self-test ({}); a resumed file is "
                    + "rehashed from disk", failure);
            return null;
        }
        LOG.info("SHA-256 checkpoints on: the JDK digest's state is checkpointed, a resumed file is not reread");
        return access;
    }

    /**
     * Moves states both ways between the JDK and the portable digest at offsets with partial blocks.
     *
     * @return {@code null} when all agree with the public JDK digest, else what went wrong
     */
    static String selfTest(JdkSha256.Access access) {
        try {
            byte[] data = new byte[300];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 151 + 7);
            }
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);
            JdkSha256 jdk = new JdkSha256(access);
            jdk.update(data, 0, 131);
            PortableSha256 portable = new PortableSha256();
            portable.update(data, 0, 131);
            if (!jdk.exportState().equals(portable.exportState())) {
                return "exported state differs from the portable digest's after 131 bytes";
            }
            PortableSha256 finishedPortably = new PortableSha256(jdk.exportState());
            finishedPortably.update(data, 131, data.length - 131);
            PortableSha256 head = new PortableSha256();
            head.update(data, 0, 77);
            JdkSha256 finishedByJdk = new JdkSha256(access, head.exportState());
            finishedByJdk.update(data, 77, data.length - 77);
            jdk.update(data, 131, data.length - 131);
            if (!Arrays.equals(jdk.digest(), expected) || !Arrays.equals(finishedPortably.digest(), expected)
                    || !Arrays.equals(finishedByJdk.digest(), expected)) {
                return "a digest finished from an exported state differs";
            }
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return e.toString();
        }
    }
}
