package org.qmgr.engine.internal;

import java.util.Map;

/**
 * The engine's counters over JMX, as MBean {@value #OBJECT_NAME}. Public only because JMX introspects it; the
 * package is not exported. Open types only, so any JMX client (jconsole, Karaf's RMI connector) reads it
 * without qmgr classes.
 */
public interface QueueManagerMXBean {

    /** The object name the engine's counters are registered under. */
    String OBJECT_NAME = "org.qmgr:type=QueueManager";

    /** @return groups in the queue by state (every {@code GroupState} name, 0 included) */
    Map<String, Integer> getGroupsByState();

    /** @return groups whose transfer runs on this node now */
    int getActiveTransfers();

    /** @return bytes written to temp files since the engine started */
    long getBytesTransferred();

    /** @return bytes per second written over the last 5 seconds */
    long getThroughput();

    /** @return transfer failures since the engine started, by kind: {@code HTTP_<status>} or a Win32 name */
    Map<String, Long> getErrorsByKind();
}
