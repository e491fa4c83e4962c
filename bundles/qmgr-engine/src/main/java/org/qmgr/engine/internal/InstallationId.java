package org.qmgr.engine.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A short random id made once per installation and kept in the engine bundle's data area. */
final class InstallationId {

    private static final Logger LOG = LoggerFactory.getLogger(InstallationId.class);
    private static final String FILE = "node-id";

    private InstallationId() {
    }

    /**
     * @param bundle the engine bundle, or {@code null} outside OSGi
     * @return the id kept for this installation; a new random one if none can be kept
     */
    static String read(Bundle bundle) {
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        File data = context == null ? null : context.getDataFile(FILE);
        return data == null ? random() : readOrCreate(data.toPath());
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (kept.matches("[0-9a-f]{8}")) {
                    return kept;
                }
            }
            String id = random();
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            Files.writeString(temp, id, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            LOG.warn("could not keep the node id in {} ({}); using a new one for this run: set nodeId in "
                    + "org.qmgr.engine to keep leases across restarts", file, e.getMessage());
            return random();
        }
    }

    private static String random() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
