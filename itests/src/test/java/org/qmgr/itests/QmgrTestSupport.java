package org.qmgr.itests;

import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Boots the karaf-distribution we ship (its tar.gz, by file path) with the origin's URL in a system
 * property and free ports for SSH and JMX, so a developer's running Karaf does not get in the way.
 */
public abstract class QmgrTestSupport {

    /** System property (inside Karaf) holding the origin's base URL. */
    public static final String ORIGIN = "qmgr.it.origin";

    /**
     * Registered once Karaf has installed its boot features. Until then Karaf's feature deployer may hold
     * a resolver hook that refuses every bundle outside its own deployment, so a test that installs a
     * bundle of its own fails with "Resolver hook prevented resolution" (a CI run of OwnerIsolationIT did).
     * Injecting it makes every test wait for the end of the boot.
     */
    @Inject
    protected BootFinished bootFinished;

    @Configuration
    public Option[] config() throws Exception {
        String distribution = System.getProperty("qmgr.distribution");
        String karafVersion = System.getProperty("karaf.version", "4.4.10");
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String target = System.getProperty("project.build.directory", "target");
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl("file:" + new File(distribution).getAbsolutePath())
                    .name("qmgr").karafVersion(karafVersion).unpackDirectory(new File(target, "exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            // kept under target/exam so that a container that failed (or never came up) leaves its karaf.log
            keepRuntimeFolder(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/system.properties", ORIGIN, Origin.baseUrl()),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                    "https://repo1.maven.org/maven2@id=central"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            systemProperty("pax.exam.service.timeout").value("30000"),
            // in-container tests wait on conditions with Awaitility (no sleeps)
            mavenBundle("org.hamcrest", "hamcrest", "2.1"),
            mavenBundle("org.awaitility", "awaitility", "4.2.2"),
            // Karaf on Java 9+ (as Karaf's own KarafTestSupport starts it)
            vmOption("--add-reads=java.xml=java.logging"),
            vmOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            vmOption("--patch-module"),
            vmOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"),
            vmOption("--patch-module"),
            vmOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
            vmOption("--add-opens"), vmOption("java.base/java.security=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.net=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.lang=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.util=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            // as the distribution's bin/setenv: lets checkpoints carry the JDK SHA-256 state
            vmOption("--add-opens"), vmOption("java.base/sun.security.provider=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            vmOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
            vmOption("-classpath"),
            vmOption("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
        };
    }

    /**
     * Runs one command in a new shell session with empty input, as the calling subject.
     *
     * @return what the command printed (output and errors)
     * @throws Exception what the command threw
     */
    protected static String executeInShell(SessionFactory sessionFactory, String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(command);
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return the origin's base URL, inside Karaf */
    protected static String origin() {
        return System.getProperty(ORIGIN);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
