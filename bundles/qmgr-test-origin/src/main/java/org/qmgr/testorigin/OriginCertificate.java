package org.qmgr.testorigin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.EnumMap;
import java.util.Map;

/**
 * The certificate an HTTPS {@link FaultOrigin} presents, for 127.0.0.1 and localhost. Each is made once per
 * JVM with the JDK's {@code keytool} ({@link Keytool}; the JDK has no public API to sign a certificate), in
 * PKCS12 files, with a {@link #trustStore()} that a client may trust to isolate the fault.
 */
public enum OriginCertificate {

    /** Self-signed and valid now; its trust store holds the certificate itself. */
    SELF_SIGNED,
    /**
     * Signed by a test CA that is valid now, but the certificate itself expired days ago; its trust store holds
     * the CA, so a client trusting it can fail on the dates only (a trust anchor's own dates are not checked,
     * hence no self-signed expired certificate).
     */
    EXPIRED;

    /** Password of the PKCS12 files. */
    public static final String PASSWORD = "fault-origin";

    private static final Map<OriginCertificate, Path> MADE = new EnumMap<>(OriginCertificate.class);

    /** @return the key store (private key and certificate chain) of the origin */
    public Path keyStore() throws IOException {
        return dir().resolve("keys.p12");
    }

    /** @return a trust store that makes the certificate trusted (see each constant) */
    public Path trustStore() throws IOException {
        return dir().resolve("trust.p12");
    }

    private Path dir() throws IOException {
        synchronized (MADE) {
            Path dir = MADE.get(this);
            if (dir == null) {
                dir = Files.createTempDirectory("fault-origin-" + name().toLowerCase(java.util.Locale.ROOT));
                if (this == SELF_SIGNED) {
                    selfSigned(dir);
                } else {
                    expiredBehindCa(dir);
                }
                MADE.put(this, dir);
            }
            return dir;
        }
    }

    private static void selfSigned(Path dir) throws IOException {
        Path keys = dir.resolve("keys.p12");
        Keytool.run("-genkeypair", "-keystore", keys, "-alias", "origin", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-startdate", "-1d", "-validity", "3");
        trust(keys, "origin", dir.resolve("trust.p12"));
    }

    private static void expiredBehindCa(Path dir) throws IOException {
        Path ca = dir.resolve("ca.p12");
        Keytool.run("-genkeypair", "-keystore", ca, "-alias", "ca", "-dname", "CN=fault origin CA", "-ext", "bc:c",
                "-startdate", "-30d", "-validity", "60");
        Path caPem = dir.resolve("ca.pem");
        Keytool.run("-exportcert", "-keystore", ca, "-alias", "ca", "-rfc", "-file", caPem);
        Path keys = dir.resolve("keys.p12");
        Path csr = dir.resolve("origin.csr");
        Path pem = dir.resolve("origin.pem");
        Keytool.run("-genkeypair", "-keystore", keys, "-alias", "origin", "-dname", "CN=127.0.0.1");
        Keytool.run("-certreq", "-keystore", keys, "-alias", "origin", "-file", csr);
        Keytool.run("-gencert", "-keystore", ca, "-alias", "ca", "-infile", csr, "-outfile", pem, "-rfc",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-startdate", "-10d", "-validity", "2");
        // The CA first, so that keytool accepts the signed certificate as a reply completing the chain.
        Keytool.run("-importcert", "-keystore", keys, "-alias", "ca", "-file", caPem, "-noprompt");
        Keytool.run("-importcert", "-keystore", keys, "-alias", "origin", "-file", pem);
        trust(ca, "ca", dir.resolve("trust.p12"));
    }

    /** Writes a trust store with the certificate of {@code alias} in {@code keys}. */
    private static void trust(Path keys, String alias, Path trustStore) throws IOException {
        try (InputStream in = Files.newInputStream(keys); OutputStream out = Files.newOutputStream(trustStore)) {
            KeyStore source = KeyStore.getInstance("PKCS12");
            source.load(in, PASSWORD.toCharArray());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(alias, source.getCertificate(alias));
            trust.store(out, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store " + trustStore, e);
        }
    }
}
