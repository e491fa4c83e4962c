package org.qmgr.itests.listener;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Hashtable;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyJob;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupProp;
import org.qmgr.api.Guids;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.Variant;
import org.qmgr.api.callback.BackgroundCopyCallback;

/**
 * Activator of the listener bundle CallbackCrashIT deploys into the Karaf process: registers a
 * {@link RecordingCallback} under {@link #CLSID} and, once per installation, creates the group that names it, so
 * the group's owner is this bundle. Talks to the test only through files in {@code ${karaf.home}/}{@value #DIR}.
 */
public final class RecorderActivator implements BundleActivator {

    /** The class id the callback service is registered under. */
    public static final UUID CLSID = UUID.fromString("6f1d3c52-9a4e-4b7d-8e2a-c0a1b5d7e913");
    /** Directory under {@code karaf.home} shared with the test. */
    public static final String DIR = "callback-it";
    /** Written by the test: {@code url}, {@code localPath}, {@code groupId}, {@code jobId}. */
    public static final String PARAMS = "params.properties";
    /** Written by this bundle once the group exists: it is created only once per installation. */
    public static final String CREATED = "created";
    /** While this file exists, onStatus records its call and then blocks (at most {@link #MAX_BLOCK_MINUTES}). */
    public static final String BLOCK = "block";
    /** One line per onStatus call, see {@link RecordingCallback}. */
    public static final String RESULTS = "results.txt";
    /** Stack traces of whatever went wrong in this bundle; the test fails as soon as it appears. */
    public static final String ERRORS = "errors.txt";
    /** One line {@code jvm=<id>} each time this bundle starts. */
    public static final String STARTS = "starts.txt";
    /** This JVM: its pid and process start time (as the test sees them), so runs before and after a restart differ. */
    static final String JVM = ProcessHandle.current().pid() + "@"
            + ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    static final long MAX_BLOCK_MINUTES = 10;

    private volatile Thread setup;
    private ServiceRegistration<BackgroundCopyCallback> registration;
    private RecordingCallback callback;

    @Override
    public void start(BundleContext context) throws Exception {
        Path dir = Paths.get(System.getProperty("karaf.home"), DIR);
        Properties params = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(PARAMS), StandardCharsets.UTF_8)) {
            params.load(in);
        }
        callback = new RecordingCallback(dir, Path.of(params.getProperty("localPath")));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(BackgroundCopyCallback.CLSID_PROPERTY, CLSID.toString());
        registration = context.registerService(BackgroundCopyCallback.class, callback, properties);
        Files.writeString(dir.resolve(STARTS), "jvm=" + JVM + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        if (!Files.exists(dir.resolve(CREATED))) {
            // Not on the framework's thread: the qmgr service may come later than this bundle.
            Thread thread = new Thread(() -> createGroup(context, dir, params), "callback-it-setup");
            thread.setDaemon(true);
            setup = thread;
            thread.start();
        }
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        Thread thread = setup;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        callback.release();
        registration.unregister();
    }

    /** Creates, configures and resumes the group of the test; records failures in {@value #ERRORS}. */
    private static void createGroup(BundleContext context, Path dir, Properties params) {
        ServiceTracker<BackgroundCopyQMgr, BackgroundCopyQMgr> tracker =
                new ServiceTracker<>(context, BackgroundCopyQMgr.class, null);
        tracker.open();
        try {
            BackgroundCopyQMgr qmgr = tracker.waitForService(TimeUnit.SECONDS.toMillis(120));
            if (qmgr == null) {
                throw new IllegalStateException("no BackgroundCopyQMgr service within 120 s");
            }
            BackgroundCopyGroup group = qmgr.createGroup(UUID.fromString(params.getProperty("groupId")));
            group.setProp(GroupProp.NOTIFYFLAGS, Variant.ofInt(NotifyFlag.GROUP_DONE.value()));
            group.setProp(GroupProp.NOTIFYCLSID, Variant.bstr(Guids.format(CLSID)));
            group.setDisplayName("CallbackCrashIT");
            BackgroundCopyJob job = group.createJob(UUID.fromString(params.getProperty("jobId")));
            job.addFile(params.getProperty("url"), params.getProperty("localPath"));
            write(dir.resolve(CREATED), group.getGroupId() + "\n");
            group.resume();
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            try {
                write(dir.resolve(ERRORS), trace.toString());
            } catch (IOException unwritable) {
                e.addSuppressed(unwritable);
                e.printStackTrace(); // to karaf.out, the only place left
            }
        } finally {
            tracker.close();
        }
    }

    /** Writes a file whole: readers never see it half-written. */
    static void write(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
