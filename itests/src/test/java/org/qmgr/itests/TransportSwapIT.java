package org.qmgr.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.ProgressType;
import org.qmgr.spi.transport.Transport;

/**
 * Transports swapped by service ranking while a transfer runs, in the Karaf we ship with its real SCR: a
 * {@link JdkHttpTransport} registered from the probe with a ranking above the Jetty transport's takes a running
 * download over with {@code Range: bytes=N-}; unregistered while it carries another download, it hands that one
 * back to the Jetty transport, again with a Range. Both origins are {@link ThrottledOrigin}s in the driver JVM
 * (16 MiB at 2 MiB/s each); they tell the two transports apart by User-Agent.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransportSwapIT extends QmgrTestSupport {

    /** System properties (inside Karaf) with the URLs of the two origins' bodies. */
    private static final String TAKEOVER_URL = "qmgr.it.swap.takeover";
    private static final String HANDBACK_URL = "qmgr.it.swap.handback";
    private static final long TAKEOVER_SEED = 51;
    private static final long HANDBACK_SEED = 52;
    private static final long MIB = 1 << 20;
    private static final long SIZE = 16 * MIB;
    private static final long RATE = 2 * MIB;
    /** Bytes a download holds before the test swaps transports. */
    private static final long HELD = MIB;
    private static final Duration TO_HELD = Duration.ofSeconds(30);
    private static final Duration TO_COMPLETION = Duration.ofSeconds(60);
    private static final Pattern OPEN_RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One line of a {@link ThrottledOrigin}'s request log. */
    private record Logged(String method, String path, String range, String ifRange, int status, String userAgent) {
        static Logged parse(String line) {
            String[] f = line.split("\t");
            return new Logged(f[0], f[1], dash(f[2]), dash(f[3]), Integer.parseInt(f[4]), dash(f[5]));
        }

        private static String dash(String field) {
            return field.equals("-") ? null : field;
        }

        boolean byJetty() {
            return userAgent != null && userAgent.startsWith("qmgr/");
        }

        boolean byJdk() {
            return JdkHttpTransport.USER_AGENT.equals(userAgent);
        }
    }

    @Inject
    BackgroundCopyQMgr qmgr;

    @Inject
    BundleContext context;

    /** Runs in the driver JVM: starts the two throttled origins and hands their URLs to Karaf. */
    @Configuration
    @Override
    public Option[] config() throws Exception {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/system.properties", TAKEOVER_URL, startOrigin("/takeover.bin", TAKEOVER_SEED)),
                editConfigurationFilePut("etc/system.properties", HANDBACK_URL, startOrigin("/handback.bin", HANDBACK_SEED)));
    }

    @Test
    public void aHigherRankedTransportRegisteredMidTransferTakesOverWithRange() throws Exception {
        String url = System.getProperty(TAKEOVER_URL);
        GeneratedBody body = new GeneratedBody(TAKEOVER_SEED, SIZE);
        Path target = Files.createTempDirectory("qmgr-swap-it").resolve("takeover.bin");
        BackgroundCopyGroup group = start(url, target);
        awaitHeld(group);
        JdkHttpTransport jdk = new JdkHttpTransport();

        ServiceRegistration<Transport> registration = context.registerService(Transport.class, jdk,
                httpTransport(jettyRanking() + 100));
        try {
            awaitComplete(group);
        } finally {
            registration.unregister();
        }

        List<Optional<String>> ranges = jdk.ranges();
        assertEquals("the test transport opened once: " + ranges, 1, ranges.size());
        long resumedAt = openRangeStart(ranges.get(0).orElse(""));
        assertTrue("resumed mid-file at " + resumedAt, resumedAt >= HELD && resumedAt < SIZE);
        List<Logged> gets = gets(url);
        assertEquals("two GETs at the origin: " + gets, 2, gets.size());
        assertFromStartBy(gets.get(0), "Jetty", gets.get(0).byJetty());
        assertResumed(gets.get(1), resumedAt, body, "JDK", gets.get(1).byJdk());
        assertIntact(group, target, body);
    }

    @Test
    public void unregisteringTheTransportInUseHandsTheTransferBackToJettyWithRange() throws Exception {
        String url = System.getProperty(HANDBACK_URL);
        GeneratedBody body = new GeneratedBody(HANDBACK_SEED, SIZE);
        Path target = Files.createTempDirectory("qmgr-swap-it").resolve("handback.bin");
        JdkHttpTransport jdk = new JdkHttpTransport();
        ServiceRegistration<Transport> registration = context.registerService(Transport.class, jdk,
                httpTransport(jettyRanking() + 100));
        int callsAtUnregister;
        BackgroundCopyGroup group;
        try {
            group = start(url, target);
            awaitHeld(group);
            assertEquals("the download runs on the test transport", List.of(Optional.empty()), jdk.ranges());
        } finally {
            registration.unregister();
            callsAtUnregister = jdk.calls();
        }

        awaitComplete(group);
        assertEquals("the unregistered transport is never called again", callsAtUnregister, jdk.calls());
        assertEquals(List.of(Optional.empty()), jdk.ranges());
        List<Logged> gets = gets(url);
        assertEquals("two GETs at the origin: " + gets, 2, gets.size());
        assertFromStartBy(gets.get(0), "JDK", gets.get(0).byJdk());
        long resumedAt = openRangeStart(gets.get(1).range() == null ? "" : gets.get(1).range());
        assertTrue("resumed mid-file at " + resumedAt, resumedAt >= HELD && resumedAt < SIZE);
        assertResumed(gets.get(1), resumedAt, body, "Jetty", gets.get(1).byJetty());
        assertIntact(group, target, body);
    }

    private BackgroundCopyGroup start(String url, Path target) {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.setDisplayName("transport swap " + target.getFileName());
        group.createJob(UUID.randomUUID()).addFile(url, target.toString());
        group.resume();
        return group;
    }

    /** Waits until the download holds {@link #HELD} bytes, and checks it is still running. */
    private static void awaitHeld(BackgroundCopyGroup group) {
        await("first " + HELD + " bytes").atMost(TO_HELD).until(() -> failFast(group).isComplete()
                || group.getProgress(ProgressType.SIZE_DONE) >= HELD);
        assertTrue("still transferring", group.getProgress(ProgressType.SIZE_DONE) < SIZE);
    }

    private static void awaitComplete(BackgroundCopyGroup group) {
        await("group complete").atMost(TO_COMPLETION).until(() -> failFast(group).isComplete());
    }

    private static GroupStatus failFast(BackgroundCopyGroup group) {
        GroupStatus status = group.getStatus();
        if (status.isError()) {
            throw new AssertionError("group failed: " + group.getInfo().state + " " + status);
        }
        return status;
    }

    /** @return the ranking of the one http transport of the distribution, checked to be the Jetty transport's */
    private int jettyRanking() throws Exception {
        Collection<ServiceReference<Transport>> refs = context.getServiceReferences(Transport.class,
                "(" + Transport.SCHEMES + "=http)");
        assertEquals("one http transport before the test registers its own: " + refs, 1, refs.size());
        ServiceReference<Transport> jetty = refs.iterator().next();
        assertEquals("org.qmgr.transport.jetty", jetty.getBundle().getSymbolicName());
        return jetty.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
    }

    private static Hashtable<String, Object> httpTransport(int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Transport.SCHEMES, "http");
        properties.put(Constants.SERVICE_RANKING, ranking);
        return properties;
    }

    private static long openRangeStart(String range) {
        Matcher m = OPEN_RANGE.matcher(range);
        assertTrue("Range: bytes=N-, not " + range, m.matches());
        return Long.parseLong(m.group(1));
    }

    private static void assertFromStartBy(Logged get, String transport, boolean byIt) {
        assertTrue("from the " + transport + " transport: " + get, byIt);
        assertEquals("no Range: " + get, null, get.range());
        assertEquals(get.toString(), 200, get.status());
    }

    private static void assertResumed(Logged get, long at, GeneratedBody body, String transport, boolean byIt) {
        assertTrue("from the " + transport + " transport: " + get, byIt);
        assertEquals("bytes=" + at + "-", get.range());
        assertEquals("If-Range with the ETag: " + get, "\"" + body.tag() + "\"", get.ifRange());
        assertEquals(get.toString(), 206, get.status());
    }

    private static void assertIntact(BackgroundCopyGroup group, Path target, GeneratedBody body) throws Exception {
        String expected = body.sha256();
        assertEquals(SIZE, group.getSize());
        assertEquals("SHA-256 of " + target, expected, GeneratedBody.sha256(target));
        assertEquals("SHA-256 the engine computed", expected,
                group.getJob(group.enumJobs().next(1).get(0)).getFileInfo(0).sha256);
    }

    /** @return the GETs the origin of {@code url} saw for its body, oldest first (its log is read over HTTP) */
    private static List<Logged> gets(String url) throws Exception {
        URI body = URI.create(url);
        HttpURLConnection connection = (HttpURLConnection) body.resolve(ThrottledOrigin.LOG).toURL().openConnection();
        try (InputStream in = connection.getInputStream()) {
            assertEquals(200, connection.getResponseCode());
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(line -> !line.isBlank()).map(Logged::parse)
                    .filter(r -> r.method().equals("GET") && r.path().equals(body.getPath())).toList();
        } finally {
            connection.disconnect();
        }
    }

    /** Driver JVM only: starts a throttled origin for one body, stopped when the JVM exits; returns its URL. */
    private static String startOrigin(String path, long seed) throws Exception {
        ThrottledOrigin origin = new ThrottledOrigin(path, new GeneratedBody(seed, SIZE), RATE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                origin.close();
            } catch (Exception e) {
                // the JVM is exiting
            }
        }, "swap-origin-stop"));
        return origin.url();
    }
}
