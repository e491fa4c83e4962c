package org.qmgr.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.ProgressType;
import org.qmgr.spi.notify.NotificationSink;
import org.qmgr.spi.notify.QueueEvent;

/** A 10 MiB download through the {@link BackgroundCopyQMgr} service of the Karaf we ship. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DownloadIT extends QmgrTestSupport {

    @Inject
    BackgroundCopyQMgr qmgr;

    @Inject
    BundleContext context;

    @Test
    public void tenMebibytesArriveByteIdenticalAndTheGroupCompletes() throws Exception {
        UUID groupId = UUID.randomUUID();
        CompletableFuture<QueueEvent> outcome = new CompletableFuture<>();
        ServiceRegistration<NotificationSink> sink = context.registerService(NotificationSink.class, (event, view) -> {
            if (event.groupId().equals(groupId) && (event.type() == QueueEvent.Type.GROUP_COMPLETED
                    || event.type() == QueueEvent.Type.GROUP_ERROR)) {
                outcome.complete(event);
            }
        }, new Hashtable<>());
        try {
            Path dir = Files.createTempDirectory("qmgr-it");
            Path target = dir.resolve("ten.bin");
            BackgroundCopyGroup group = qmgr.createGroup(groupId);
            group.setDisplayName("ten mebibytes");
            group.createJob(UUID.randomUUID()).addFile(origin() + "/ten.bin", target.toString());
            assertEquals(0x180, group.getStatus().raw());

            group.resume();

            QueueEvent event = outcome.get(60, TimeUnit.SECONDS);
            assertEquals(QueueEvent.Type.GROUP_COMPLETED, event.type());
            assertEquals(0x140, group.getStatus().raw());
            assertEquals(TestData.TEN_MIB, group.getSize());
            assertEquals(100, group.getProgress(ProgressType.PERCENT_DONE));
            byte[] expected = TestData.bytes(42, TestData.TEN_MIB);
            assertArrayEquals(expected, Files.readAllBytes(target));
            assertEquals(TestData.sha256(expected), group.getJob(group.enumJobs().next(1).get(0)).getFileInfo(0).sha256);
            try (var files = Files.list(dir)) {
                assertTrue("no temp file is left", files.allMatch(p -> p.equals(target)));
            }
        } finally {
            sink.unregister();
        }
    }
}
