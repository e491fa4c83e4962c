package org.qmgr.transport.jetty.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.qmgr.transport.jetty.internal.Settings.TlsSettings;

/**
 * Builds the client TLS context: the JVM trust store unless one is configured, an optional client certificate,
 * and host name verification that no setting turns off.
 */
final class Tls {

    private Tls() {
    }

    /**
     * Loads the configured stores now, so a missing file or wrong password is a configuration error rather than
     * a failure of the first https transfer.
     *
     * @param settings the TLS settings
     * @return a context factory, not started
     * @throws IllegalArgumentException naming the store that cannot be read
     */
    static SslContextFactory.Client contextFactory(TlsSettings settings) {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        // RFC 2818/6125 host name checks on every handshake, via the JDK's X509ExtendedTrustManager.
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setTrustAll(false);
        if (!settings.trustStore().isEmpty()) {
            tls.setTrustStore(load("tls.trustStore", settings.trustStore(), settings.trustStoreType(),
                    settings.trustStorePassword()));
        }
        if (!settings.keyStore().isEmpty()) {
            KeyStore keys = load("tls.keyStore", settings.keyStore(), settings.keyStoreType(),
                    settings.keyStorePassword());
            tls.setKeyStore(keys);
            tls.setKeyStorePassword(settings.keyStorePassword());
            tls.setKeyManagerPassword(settings.keyStorePassword());
        }
        return tls;
    }

    private static KeyStore load(String property, String path, String type, String password) {
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw Settings.bad(property, path, "is not a readable file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            if (store.size() == 0) {
                throw Settings.bad(property, path, "holds no certificate or key");
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password surfaces as an IOException whose cause is an UnrecoverableKeyException.
            throw Settings.bad(property, path, "cannot be read as " + type + ": " + e.getMessage());
        }
    }
}
