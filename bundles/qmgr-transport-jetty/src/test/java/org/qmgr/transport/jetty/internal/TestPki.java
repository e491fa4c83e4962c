package org.qmgr.transport.jetty.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.util.ssl.SslContextFactory;

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

    private static void keytool(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        for (Object arg : args) {
            command.add(arg.toString());
        }
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        if ("-genkeypair".equals(args[0])) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        }
        if (!keytoolInProcess(command)) {
            keytoolProcess(command);
        }
    }

    /**
     * Runs keytool inside this JVM: about 18 runs, each a JVM start of up to seconds on a busy machine otherwise.
     * Needs {@code --add-opens java.base/sun.security.tools.keytool=ALL-UNNAMED} (set in the surefire argLine).
     *
     * @return false when keytool's class is not open to us (the caller then starts a process)
     */
    private static boolean keytoolInProcess(List<String> command) throws IOException {
        Object keytool;
        Method run;
        try {
            Class<?> main = Class.forName("sun.security.tools.keytool.Main");
            Constructor<?> constructor = main.getDeclaredConstructor();
            constructor.setAccessible(true);
            keytool = constructor.newInstance();
            run = main.getDeclaredMethod("run", String[].class, PrintStream.class);
            run.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException notOpen) {
            return false;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        // keytool also prints straight to System.out/err; only a failure should show that.
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            System.setErr(out);
            run.invoke(keytool, command.toArray(new String[0]), out);
        } catch (InvocationTargetException e) {
            throw new IOException("keytool failed: " + command + "\n" + output.toString(StandardCharsets.UTF_8),
                    e.getCause());
        } catch (IllegalAccessException e) {
            return false;
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return true;
    }

    private static void keytoolProcess(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + command + "\n" + output);
        }
    }
}
