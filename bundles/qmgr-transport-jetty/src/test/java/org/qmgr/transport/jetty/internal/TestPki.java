package org.qmgr.transport.jetty.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.qmgr.testorigin.Keytool;

/**
 * A throw-away PKI made once per test JVM with the JDK's {@code keytool}: a CA, a server certificate for
 * 127.0.0.1 and localhost, one for another host name only, and a client certificate, all in PKCS12 files.
 */
final class TestPki {

    static final String PASSWORD = "test-pw";

    private static TestPki instance;

    final Path dir;
    /** The CA certificate alone: the trust store of clients and of the server (for client certificates). */
    final Path trustStore;
    /** Key and chain for 127.0.0.1 / localhost. */
    final Path serverKeys;
    /** Key and chain for wrong.example only: a host name mismatch on 127.0.0.1. */
    final Path wrongHostKeys;
    /** Key and chain of the client certificate. */
    final Path clientKeys;

    private TestPki(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Path ca = dir.resolve("ca.p12");
        keytool("-genkeypair", "-keystore", ca, "-alias", "ca", "-dname", "CN=qmgr test CA", "-ext", "bc:c");
        Path caPem = dir.resolve("ca.pem");
        keytool("-exportcert", "-keystore", ca, "-alias", "ca", "-rfc", "-file", caPem);
        trustStore = dir.resolve("trust.p12");
        keytool("-importcert", "-keystore", trustStore, "-alias", "ca", "-file", caPem, "-noprompt");
        serverKeys = leaf(ca, caPem, "server", "san=ip:127.0.0.1,dns:localhost", "eku=serverAuth");
        wrongHostKeys = leaf(ca, caPem, "wrong", "san=dns:wrong.example", "eku=serverAuth");
        clientKeys = leaf(ca, caPem, "client", "eku=clientAuth", "ku=digitalSignature");
    }

    /** @return the PKI of this JVM, made on first use */
    static synchronized TestPki get() throws IOException, InterruptedException {
        if (instance == null) {
            Path dir = Files.createTempDirectory("qmgr-pki");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            instance = new TestPki(dir);
        }
        return instance;
    }

    /**
     * @param keys            the server's key store
     * @param needClientAuth  whether a client certificate signed by the CA is required
     * @return a TLS context for a {@link TestOrigin}
     */
    SslContextFactory.Server server(Path keys, boolean needClientAuth) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keys.toString());
        tls.setKeyStorePassword(PASSWORD);
        tls.setKeyStoreType("PKCS12");
        if (needClientAuth) {
            tls.setTrustStorePath(trustStore.toString());
            tls.setTrustStorePassword(PASSWORD);
            tls.setTrustStoreType("PKCS12");
            tls.setNeedClientAuth(true);
        }
        return tls;
    }

    /** @return transport settings trusting the test CA */
    TestConfig trusting(TestConfig config) {
        return config.set("tls_trustStore", trustStore.toString()).set("_tls_trustStorePassword", PASSWORD);
    }

    /** @return transport settings presenting the client certificate */
    TestConfig withClientCertificate(TestConfig config) {
        return config.set("tls_keyStore", clientKeys.toString()).set("_tls_keyStorePassword", PASSWORD);
    }

    private Path leaf(Path ca, Path caPem, String name, String... extensions) throws IOException,
            InterruptedException {
        Path keys = dir.resolve(name + ".p12");
        Path csr = dir.resolve(name + ".csr");
        Path pem = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-keystore", keys, "-alias", name, "-dname", "CN=qmgr test " + name);
        keytool("-certreq", "-keystore", keys, "-alias", name, "-file", csr);
        List<Object> gencert = new ArrayList<>(List.of("-gencert", "-keystore", ca, "-alias", "ca", "-infile", csr,
                "-outfile", pem, "-rfc", "-validity", "2"));
        for (String extension : extensions) {
            gencert.add("-ext");
            gencert.add(extension);
        }
        keytool(gencert.toArray());
        // The CA first, so that keytool accepts the signed certificate as a reply completing the chain.
        keytool("-importcert", "-keystore", keys, "-alias", "ca", "-file", caPem, "-noprompt");
        keytool("-importcert", "-keystore", keys, "-alias", name, "-file", pem);
        return keys;
    }

    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
        dir.toFile().delete();
    }

    /** Certificates valid for two days: long enough for any test run, never a long-lived key. */
    private static void keytool(Object... args) throws IOException {
        if ("-genkeypair".equals(args[0])) {
            Object[] withValidity = java.util.Arrays.copyOf(args, args.length + 2);
            withValidity[args.length] = "-validity";
            withValidity[args.length + 1] = "2";
            args = withValidity;
        }
        Keytool.runWithStorePassword(PASSWORD, args);
    }
}
