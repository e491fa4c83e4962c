package org.qmgr.itests.felix;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The plain Felix host of the tests: the bundles such a host installs, in start order (the README's list), by
 * file URL from {@code target/felix-bundles/}, where the build copies this module's runtime dependencies, also
 * the reactor's own jars, which are never in the local repository during {@code mvn verify}.
 */
final class FelixHost {

    /** System property (in the framework, which shares the test JVM) holding the origin's base URL. */
    static final String ORIGIN = "qmgr.it.origin";

    /**
     * The logging stack, started first (start level 1, before Pax Exam's own bundles at level 2): SLF4J 2 finds
     * its provider with ServiceLoader, in OSGi through a Service Loader Mediator (SPI Fly, which weaves with ASM;
     * slf4j-api does not even resolve without one). SLF4J settles on a provider the first time any bundle loads
     * LoggerFactory; if slf4j-simple is not registered by then, it stays on its no-op logger for good.
     */
    static final List<String> LOGGING = List.of(
            "asm",
            "asm-tree",
            "asm-analysis",
            "asm-commons",
            "asm-util",
            "org.apache.aries.spifly.dynamic.bundle",
            "slf4j-api",
            "slf4j-simple");

    /** The rest of the host's bundles by artifact id, in start order. */
    static final List<String> HOST = List.of(
            // Declarative Services and Config Admin
            "org.osgi.util.function",
            "org.osgi.util.promise",
            "org.osgi.service.component",
            "org.apache.felix.scr",
            "org.apache.felix.configadmin",
            // the Jetty 12 client, as Karaf feature qmgr-jetty-client
            "jetty-util",
            "jetty-io",
            "jetty-http",
            "jetty-alpn-client",
            "jetty-compression-common",
            "jetty-client",
            "jetty-http2-hpack",
            "jetty-http2-common",
            "jetty-http2-client",
            "jetty-http2-client-transport",
            "jetty-alpn-java-client",
            // the JDBC store's database
            "h2",
            // qmgr
            "qmgr-api",
            "qmgr-store-memory",
            "qmgr-store-jdbc",
            "qmgr-transport-jetty",
            "qmgr-transport-file",
            "qmgr-engine",
            "qmgr-callbacks");

    private FelixHost() {
    }

    /**
     * @param origin the origin's base URL
     * @return the host's bundles, the test's own bundles, and the origin's URL
     * @throws IOException if the bundle folder cannot be listed
     */
    static Option[] options(String origin) throws IOException {
        Path hostBundles = Path.of(System.getProperty("qmgr.felix.bundles", "target/felix-bundles"));
        Path examBundles = Path.of(System.getProperty("qmgr.exam.bundles", "target/exam-bundles"));
        requireExactly(hostBundles, Stream.concat(LOGGING.stream(), HOST.stream()).toList());
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches());
        for (String artifact : LOGGING) {
            options.add(bundle(hostBundles.resolve(artifact + ".jar").toUri().toString()).startLevel(1));
        }
        for (String artifact : HOST) {
            options.add(bundle(hostBundles.resolve(artifact + ".jar").toUri().toString()));
        }
        // the tests' own: JUnit for the probe, Awaitility (with its Hamcrest) to wait on conditions
        options.add(junitBundles());
        options.add(bundle(examBundles.resolve("hamcrest.jar").toUri().toString()));
        options.add(bundle(examBundles.resolve("awaitility.jar").toUri().toString()));
        options.add(systemProperty(ORIGIN).value(origin));
        options.add(systemProperty("pax.exam.service.timeout").value("30000"));
        return options.toArray(new Option[0]);
    }

    /** Fails when the pom's runtime dependencies and {@link #LOGGING} + {@link #HOST} went apart: the list must be exact. */
    private static void requireExactly(Path dir, List<String> artifacts) throws IOException {
        Set<String> copied;
        try (Stream<Path> files = Files.list(dir)) {
            copied = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = artifacts.stream().map(a -> a + ".jar").collect(Collectors.toCollection(TreeSet::new));
        if (!copied.equals(expected)) {
            throw new IllegalStateException("the runtime dependencies in " + dir + " are " + copied
                    + ", FelixHost lists " + expected);
        }
    }
}
