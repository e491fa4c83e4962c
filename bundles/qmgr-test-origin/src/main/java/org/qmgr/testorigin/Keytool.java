package org.qmgr.testorigin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's {@code keytool} with PKCS12 stores and EC keys: inside this JVM when
 * {@code --add-opens java.base/sun.security.tools.keytool=ALL-UNNAMED} allows it (a JVM start per run costs
 * seconds on a busy machine), else as a process. Used by {@link OriginCertificate} and by the transport's tests.
 */
public final class Keytool {

    private Keytool() {
    }

    /** Runs keytool with the store password {@link OriginCertificate#PASSWORD}. */
    static void run(Object... args) throws IOException {
        runWithStorePassword(OriginCertificate.PASSWORD, args);
    }

    /**
     * Runs one keytool command on PKCS12 stores; {@code -genkeypair} makes an EC P-256 key. Not an overload of
     * {@link #run(Object...)}: a call {@code run("-genkeypair", ...)} would pick it and take the command for the
     * password.
     *
     * @param storePassword the password of every store the command touches
     * @param args          the command and its options, e.g. {@code "-exportcert", "-keystore", path, ...}
     * @throws IOException when keytool fails, with its output
     */
    public static void runWithStorePassword(String storePassword, Object... args) throws IOException {
        List<String> command = new ArrayList<>();
        for (Object arg : args) {
            command.add(arg.toString());
        }
        command.addAll(List.of("-storepass", storePassword, "-storetype", "PKCS12"));
        if ("-genkeypair".equals(args[0])) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
        }
        if (!inProcess(command)) {
            process(command);
        }
    }

    /** @return false when keytool's class is not open to us */
    private static boolean inProcess(List<String> command) throws IOException {
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
        // Without -debug, keytool's run() ends a failed command with System.exit(1), which here would take the whole
        // test JVM down ("the forked VM terminated without saying goodbye"); with it, the failure is thrown.
        command = new ArrayList<>(command);
        command.add("-debug");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        // keytool also prints straight to System.out/err; only a failure should show that.
        synchronized (Keytool.class) {
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
        }
        return true;
    }

    private static void process(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + command + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }
}
