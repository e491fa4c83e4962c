package org.qmgr.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI for the test driver JVM, made with the JDK's {@code keytool} (a copy of the idea of the
 * transport bundle's test helper): a CA, and a server certificate for 127.0.0.1 and localhost signed by it,
 * in PKCS12 files in a temporary directory.
 */
final class TestPki {

    static final String PASSWORD = "test-pw";

    private static TestPki instance;

    /** The CA certificate alone: the trust store of the client (the transport inside Karaf). */
    final Path trustStore;
    /** Key and chain for 127.0.0.1 / localhost. */
    final Path serverKeys;

    private TestPki(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        keytool("-genkeypair", "-keystore", ca, "-alias", "ca", "-dname", "CN=qmgr itest CA", "-ext", "bc:c");
        Path caPem = dir.resolve("ca.pem");
        keytool("-exportcert", "-keystore", ca, "-alias", "ca", "-rfc", "-file", caPem);
        trustStore = dir.resolve("trust.p12");
        keytool("-importcert", "-keystore", trustStore, "-alias", "ca", "-file", caPem, "-noprompt");
        serverKeys = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path pem = dir.resolve("server.pem");
        keytool("-genkeypair", "-keystore", serverKeys, "-alias", "server", "-dname", "CN=qmgr itest server");
        keytool("-certreq", "-keystore", serverKeys, "-alias", "server", "-file", csr);
        keytool("-gencert", "-keystore", ca, "-alias", "ca", "-infile", csr, "-outfile", pem, "-rfc",
                "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth");
        // The CA first, so that keytool accepts the signed certificate as a reply completing the chain.
        keytool("-importcert", "-keystore", serverKeys, "-alias", "ca", "-file", caPem, "-noprompt");
        keytool("-importcert", "-keystore", serverKeys, "-alias", "server", "-file", pem);
    }

    /** @return the PKI of this JVM, made on first use */
    static synchronized TestPki get() throws IOException, InterruptedException {
        if (instance == null) {
            Path dir = Files.createTempDirectory("qmgr-it-pki");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "pki-delete"));
            instance = new TestPki(dir);
        }
        return instance;
    }

    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
        dir.toFile().delete();
    }

    private static void keytool(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        for (Object arg : args) {
            command.add(arg.toString());
        }
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        if ("-genkeypair".equals(args[0])) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + command + "\n" + output);
        }
    }
}
