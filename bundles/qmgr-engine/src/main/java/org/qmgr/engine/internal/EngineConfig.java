package org.qmgr.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the queue engine (PID {@code org.qmgr.engine}; keys of spec §6.4). */
@ObjectClassDefinition(name = "qmgr engine", description = "Scheduling, retries, limits and validation of the qmgr queue.")
public @interface EngineConfig {

    /** PID of this configuration. */
    String PID = "org.qmgr.engine";

    @AttributeDefinition(name = "Minimum retry delay (s)", description = "Wait before retrying after a transient error (spec default 600). A 503 or 429 with Retry-After waits longer when the server asks, at most 24 h and never past the no-progress timeout.")
    int minRetryDelaySeconds() default 600;

    @AttributeDefinition(name = "No-progress timeout (s)", description = "A group that makes no progress this long while retrying goes to ERROR; 0 makes every error fatal.")
    long noProgressTimeoutSeconds() default 1_209_600L;

    @AttributeDefinition(name = "Inactivity timeout (s)", description = "Groups untouched this long are cancelled (committed files stay).")
    long inactivityTimeoutSeconds() default 7_776_000L;

    @AttributeDefinition(name = "Time slice (s)", description = "Round-robin slice among background groups of one priority.")
    int timeSliceSeconds() default 60;

    @AttributeDefinition(name = "Maximum concurrent transfers", description = "Upper bound of groups transferring at once (foreground plus background).")
    int maxConcurrentTransfers() default 8;

    @AttributeDefinition(name = "Concurrent transfers per owner", min = "0", description = "Upper bound of one owner's groups transferring at once, so one user's foreground work cannot take every slot; 0 = no limit. A group over it waits QUEUED (why: OWNER_LIMIT) while other owners' groups start.")
    int maxConcurrentTransfersPerOwner() default 0;

    @AttributeDefinition(name = "Background throughput cap (bytes/s)", min = "0", description = "Upper bound of the download rate of background groups together; 0 = unlimited. Foreground groups are not capped by it. Applies live.")
    long backgroundMaxBytesPerSecond() default 0;

    @AttributeDefinition(name = "Files in flight per group", description = "How many files of one group transfer at once (1 to 64). 1 is the QMGR contract: one file at a time, in index order. More fetch the next files while earlier ones transfer; files still commit strictly in order, in batches (one durable store commit for all files ready), which makes many small files much faster.")
    int filesAtOnce() default 1;

    @AttributeDefinition(name = "HIGH priority cap (bytes/s)", min = "0", description = "Upper bound of the download rate of HIGH background groups together, besides the background cap; 0 = no cap of its own. Applies live.")
    long highMaxBytesPerSecond() default 0;

    @AttributeDefinition(name = "NORMAL priority cap (bytes/s)", min = "0", description = "Upper bound of the download rate of NORMAL background groups together, besides the background cap; 0 = no cap of its own. Applies live.")
    long normalMaxBytesPerSecond() default 0;

    @AttributeDefinition(name = "LOW priority cap (bytes/s)", min = "0", description = "Upper bound of the download rate of LOW background groups together, besides the background cap; 0 = no cap of its own. Applies live.")
    long lowMaxBytesPerSecond() default 0;

    @AttributeDefinition(name = "Foreground throughput cap (bytes/s)", min = "0", description = "Upper bound of the download rate of foreground groups together; 0 = unlimited. Applies live.")
    long foregroundMaxBytesPerSecond() default 0;

    @AttributeDefinition(name = "Background step-aside rate (bytes/s)", min = "0", description = "While any foreground group transfers, background groups together download no faster than this (nor faster than their caps), and get their caps back when none does; 0 = background keeps its caps. legacySingleJobScheduling pauses background instead.")
    long backgroundStepAsideBytesPerSecond() default 65_536;

    @AttributeDefinition(name = "Legacy single-job scheduling", description = "BITS 1.x behaviour: one transfer at a time, foreground first.")
    boolean legacySingleJobScheduling() default false;

    @AttributeDefinition(name = "Maximum local path length", description = "In UTF-16 units (spec P9).")
    int maxLocalPathLength() default 4096;

    @AttributeDefinition(name = "Maximum remote URL length", description = "In UTF-16 units.")
    int maxRemoteUrlLength() default 2200;

    @AttributeDefinition(name = "Allowed local roots", description = "Absolute directories downloads may be written under; empty allows any directory except the host's own installation.")
    String[] allowedLocalRoots() default {};

    @AttributeDefinition(name = "User download roots", description = "Directories that signed-in users without an "
            + "administrator role (Karaf shell and JAAS callers) may write under, on top of allowedLocalRoots; {user} stands "
            + "for the user's name and ${...} for a system property. A user's own directory is created on first use. "
            + "Empty lets users write wherever allowedLocalRoots allows. Bundles and administrators are not confined by it.")
    String[] userLocalRoots() default {UserRoots.DEFAULT};

    @AttributeDefinition(name = "Disk full is fatal", description = "false (default): a full disk (ERROR_DISK_FULL, "
            + "112) is transient: the group waits in RETRY_WAIT and continues from its checkpoint once space returns, "
            + "until the no-progress timeout ends it in ERROR. true: the spec's strict class (\u00a74.10): fatal at once, the "
            + "client resumes.")
    boolean diskFullIsFatal() default false;

    @AttributeDefinition(name = "Groups per owner", description = "0 = no limit.")
    int maxGroupsPerUser() default 0;

    @AttributeDefinition(name = "Groups per machine", description = "0 = no limit.")
    int maxGroupsPerMachine() default 0;

    @AttributeDefinition(name = "Files per job", description = "0 = no limit.")
    int maxFilesPerJob() default 0;

    @AttributeDefinition(name = "Jobs per group", description = "0 = no limit (spec P1).")
    int maxJobsPerGroup() default 0;

    @AttributeDefinition(name = "Bytes per file", description = "A file whose server-announced size is larger fails "
            + "its group (ERROR_DISK_FULL) before a byte is written. 0 = no limit.")
    long maxBytesPerFile() default 0;

    @AttributeDefinition(name = "Checkpoint bytes", description = "Store transfer progress at least every this many bytes.")
    long checkpointBytes() default 8L * 1024 * 1024;

    @AttributeDefinition(name = "Checkpoint interval (ms)", description = "Store transfer progress at least this often.")
    long checkpointIntervalMillis() default 2000;

    @AttributeDefinition(name = "Administrators", description = "Identities treated as administrators besides subjects with role admin or qmgr-admin (e.g. bundle:org.example.app).")
    String[] administrators() default {};

    @AttributeDefinition(name = "Store target", description = "Filter selecting the queue store service.")
    String store_target() default "(qmgr.store.name=*)";

    @AttributeDefinition(name = "Node id", description = "Name of this node in store leases; empty = host name plus a random suffix.")
    String nodeId() default "";

    @AttributeDefinition(name = "Minimum progress interval (ms)", min = "50", max = "3600000", description = "A group's listener gets a progress notification (spec P5: when a GROUPPROP_PROGRESSSIZE, PROGRESSPERCENT or PROGRESSTIME threshold is crossed) at most this often (50 to 3600000).")
    long minProgressIntervalMs() default 500;

    @AttributeDefinition(name = "Progress event interval (ms)", min = "0", max = "3600000", description = "Each transferring group raises a monitoring progress sample (Event Admin topic org/qmgr/progress, observers) at most this often; 0 = none, else 100 to 3600000.")
    long progressEventIntervalMs() default 1000;

    @AttributeDefinition(name = "Lease TTL (s)", description = "How long this node's claim on a transferring group lasts without byte progress; renewed by checkpoints and progress. Another node sharing the store may take the group over once it expired.")
    int leaseTtlSeconds() default 60;
}
