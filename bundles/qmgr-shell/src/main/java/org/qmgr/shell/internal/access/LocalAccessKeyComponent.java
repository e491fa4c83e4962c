package org.qmgr.shell.internal.access;

import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions the {@link LocalAccessKey} of bin/qmgr once per start of the shell bundle, in a Karaf installation
 * that ships bin/qmgr (our distribution) only. Key generation takes a moment, so it runs on its own thread.
 */
@Component(immediate = true)
public final class LocalAccessKeyComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAccessKeyComponent.class);
    private static final long JOIN_MILLIS = 10_000;

    private final Thread worker;

    /** @param context gives the {@code karaf.home} and {@code karaf.etc} framework properties */
    @Activate
    public LocalAccessKeyComponent(BundleContext context) {
        String etc = context.getProperty("karaf.etc");
        String home = context.getProperty("karaf.home");
        if (etc == null || home == null || !Files.exists(Path.of(home, "bin", "qmgr"))) {
            LOG.debug("No bin/qmgr in this installation: no bin/qmgr login key");
            worker = null;
            return;
        }
        worker = new Thread(() -> provision(Path.of(etc)), "qmgr-cli-key");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (worker != null) {
            // not interrupted: a half-finished run would only be redone at the next start, but let files settle
            worker.join(JOIN_MILLIS);
        }
    }

    private static void provision(Path etc) {
        try {
            new LocalAccessKey(etc).provision();
        } catch (Exception e) {
            LOG.error("Could not provision the bin/qmgr login key in {}; bin/qmgr will not work", etc, e);
        }
    }
}
