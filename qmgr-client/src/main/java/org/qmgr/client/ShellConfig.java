package org.qmgr.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Where Karaf's SSH server listens and which host key it presents, read from {@code etc/org.apache.karaf.shell.cfg}
 * (PID {@code org.apache.karaf.shell}) like bin/client does, with the same environment overrides
 * ({@code ORG_APACHE_KARAF_SHELL_SSHPORT}, …).
 */
record ShellConfig(String host, int port, Path hostKey) {

    static final String FILE = "org.apache.karaf.shell.cfg";

    /** @param etc Karaf's etc directory ({@code karaf.etc}) */
    static ShellConfig load(Path etc) throws IOException {
        return load(etc, System::getenv);
    }

    static ShellConfig load(Path etc, UnaryOperator<String> environment) throws IOException {
        Properties cfg = new Properties();
        Path file = etc.resolve(FILE);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                cfg.load(in);
            }
        }
        UnaryOperator<String> value = key -> {
            String env = environment.apply("ORG_APACHE_KARAF_SHELL_" + key.toUpperCase(Locale.ROOT));
            return (env != null ? env : cfg.getProperty(key, "")).strip();
        };
        String host = value.apply("sshHost").split(",")[0].strip();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        String port = value.apply("sshPort");
        String hostKey = value.apply("hostKey");
        return new ShellConfig(host, port.isEmpty() ? 8101 : Integer.parseInt(port),
                hostKey.isEmpty() ? etc.resolve("host.key") : Path.of(hostKey.replace("${karaf.etc}", etc.toString())));
    }
}
