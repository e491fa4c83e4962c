package org.qmgr.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
import org.osgi.framework.ServiceRegistration;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.notify.QueueEvent;

/**
 * Downloads through the {@link BackgroundCopyQMgr} service of the Karaf we ship go over HTTP/2: h2 negotiated by
 * ALPN on https, and prior-knowledge h2c on cleartext http. Inside Karaf Jetty finds its ALPN processor and HPACK
 * encoder through ServiceLoader; this guards the transport bundle's service entries and context class loader.
 * The origin ({@link Http2Origin}) runs in the driver JVM and records the HTTP version of every request.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Http2DownloadIT extends QmgrTestSupport {

    /** System properties (inside Karaf) with the base URLs of the HTTP/2 origin's two connectors. */
    static final String HTTPS_ORIGIN = "qmgr.it.h2.https";
    static final String HTTP_ORIGIN = "qmgr.it.h2.http";

    private static final String TRANSPORT_CFG = "etc/org.qmgr.transport.jetty.cfg";
    private static final int COMPLETE = 0x140;

    @Inject
    BackgroundCopyQMgr qmgr;

    @Inject
    BundleContext context;

    /** Runs in the driver JVM: starts the origin and makes the PKI, before Karaf is configured. */
    @Configuration
    @Override
    public Option[] config() throws Exception {
        Http2Origin origin = Http2Origin.get();
        TestPki pki = TestPki.get();
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/system.properties", HTTPS_ORIGIN, origin.httpsUrl()),
                editConfigurationFilePut("etc/system.properties", HTTP_ORIGIN, origin.httpUrl()),
                editConfigurationFilePut(TRANSPORT_CFG, "http2", "true"),
                editConfigurationFilePut(TRANSPORT_CFG, "http2Cleartext", "prior-knowledge"),
                editConfigurationFilePut(TRANSPORT_CFG, "tls.trustStore", pki.trustStore.toString()),
                editConfigurationFilePut(TRANSPORT_CFG, ".tls.trustStorePassword", TestPki.PASSWORD),
                editConfigurationFilePut(TRANSPORT_CFG, "tls.trustStoreType", "PKCS12"));
    }

    @Test
    public void httpsNegotiatesH2ByAlpnAndCleartextUsesH2c() throws Exception {
        Path dir = Files.createTempDirectory("qmgr-h2-it");
        Path overTls = dir.resolve("tls.bin");
        Path overClear = dir.resolve("clear.bin");

        download(System.getProperty(HTTPS_ORIGIN) + Http2Origin.TLS_PATH, overTls);
        download(System.getProperty(HTTP_ORIGIN) + Http2Origin.CLEAR_PATH, overClear);

        byte[] tlsExpected = TestData.bytes(Http2Origin.TLS_SEED, Http2Origin.SIZE);
        byte[] clearExpected = TestData.bytes(Http2Origin.CLEAR_SEED, Http2Origin.SIZE);
        assertEquals(TestData.sha256(tlsExpected), TestData.sha256(Files.readAllBytes(overTls)));
        assertEquals(TestData.sha256(clearExpected), TestData.sha256(Files.readAllBytes(overClear)));
        assertArrayEquals(tlsExpected, Files.readAllBytes(overTls));
        assertArrayEquals(clearExpected, Files.readAllBytes(overClear));

        List<String> log = requestLog();
        assertHttp2Only(log, "tls", Http2Origin.TLS_PATH);
        assertHttp2Only(log, "clear", Http2Origin.CLEAR_PATH);
    }

    /** Downloads {@code url} to {@code target} in a group of its own and asserts the group completed. */
    private void download(String url, Path target) throws Exception {
        UUID groupId = UUID.randomUUID();
        CompletableFuture<QueueEvent> outcome = new CompletableFuture<>();
        ServiceRegistration<NotificationSink> sink = context.registerService(NotificationSink.class, (event, view) -> {
            if (event.groupId().equals(groupId) && (event.type() == QueueEvent.Type.GROUP_COMPLETED
                    || event.type() == QueueEvent.Type.GROUP_ERROR)) {
                outcome.complete(event);
            }
        }, new Hashtable<>());
        try {
            BackgroundCopyGroup group = qmgr.createGroup(groupId);
            group.setDisplayName("h2 " + url);
            group.createJob(UUID.randomUUID()).addFile(url, target.toString());
            group.resume();
            QueueEvent event = outcome.get(60, TimeUnit.SECONDS);
            assertEquals(url + ": " + event, QueueEvent.Type.GROUP_COMPLETED, event.type());
            assertEquals(url, COMPLETE, group.getStatus().raw());
            assertEquals(url, Http2Origin.SIZE, group.getSize());
        } finally {
            sink.unregister();
        }
    }

    /** Every request the connector saw for {@code path} was HTTP/2.0, and there was at least one GET. */
    private static void assertHttp2Only(List<String> log, String connector, String path) {
        List<String> requests = log.stream().filter(line -> line.startsWith(connector + " ") && line.contains(" " + path + " "))
                .collect(Collectors.toList());
        assertFalse(connector + " saw no request for " + path + ": " + log, requests.isEmpty());
        assertTrue(connector + " saw no GET of " + path + ": " + log,
                requests.stream().anyMatch(line -> line.startsWith(connector + " GET ")));
        for (String line : requests) {
            assertTrue("not HTTP/2: " + line + " in " + log, line.endsWith(" HTTP/2.0"));
        }
    }

    /** @return the origin's request record, read over plain HTTP/1.1 (that request is not recorded) */
    private static List<String> requestLog() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(System.getProperty(HTTP_ORIGIN) + Http2Origin.LOG)
                .toURL().openConnection();
        try (InputStream in = connection.getInputStream()) {
            assertEquals(200, connection.getResponseCode());
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(line -> !line.isBlank()).collect(Collectors.toList());
        } finally {
            connection.disconnect();
        }
    }
}
