package org.qmgr.itests.felix;

import java.util.SplittableRandom;

/**
 * The file the origin serves, computed the same way on both sides: in the test driver (the origin) and inside
 * the framework (the assertions). Free of Jetty types, so the probe can load it.
 */
public final class Payload {

    /** The origin's path of the payload. */
    public static final String PATH = "/payload.bin";

    /** 3 MiB plus a few bytes: more than one read buffer and one checkpoint, not a round number. */
    public static final int SIZE = 3 * 1024 * 1024 + 17;

    private Payload() {
    }

    /** @return the payload bytes, the same at every call */
    public static byte[] bytes() {
        byte[] data = new byte[SIZE];
        new SplittableRandom(7).nextBytes(data);
        return data;
    }
}
