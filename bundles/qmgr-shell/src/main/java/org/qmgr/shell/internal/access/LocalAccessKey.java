package org.qmgr.shell.internal.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key {@code bin/qmgr} logs in with: {@code etc/qmgr-cli.key}, owner-only, authorized for user {@value #USER}
 * in {@code etc/keys.properties}. Generated when missing or unreadable; re-authorized when its entry is gone.
 */
final class LocalAccessKey {

    /** The Karaf user bin/qmgr logs in as; bin/qmgr must use the same name. */
    static final String USER = "qmgr-cli";
    /** Private key file name in {@code karaf.etc}; bin/qmgr must use the same name. */
    static final String KEY_FILE = "qmgr-cli.key";
    /** admingroup carries the ssh role (needed to log in) and admin (qmgr administrator: sees every group). */
    static final String ROLES = "_g_:admingroup";

    private static final Logger LOG = LoggerFactory.getLogger(LocalAccessKey.class);

    private final Path keyFile;
    private final KeysProperties keysProperties;

    LocalAccessKey(Path etc) {
        this.keyFile = etc.resolve(KEY_FILE);
        this.keysProperties = new KeysProperties(etc.resolve("keys.properties"));
    }

    /** Creates the key if needed and authorizes it; idempotent, called once per activation. */
    void provision() throws IOException, GeneralSecurityException {
        KeyPair pair = existing();
        if (pair == null) {
            pair = RsaKeyFile.generate();
            RsaKeyFile.write(pair, keyFile);
            LOG.info("Generated the bin/qmgr login key {}", keyFile);
        }
        if (keysProperties.authorize(USER, RsaKeyFile.sshPublicKey(pair), ROLES)) {
            LOG.info("Authorized the bin/qmgr login key for user {} in keys.properties", USER);
        }
    }

    private KeyPair existing() throws IOException {
        if (!Files.exists(keyFile)) {
            return null;
        }
        try {
            return RsaKeyFile.read(keyFile);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.warn("Replacing the unreadable bin/qmgr login key {}: {}", keyFile, e.toString());
            return null;
        }
    }
}
