package org.qmgr.testorigin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One path of a {@link FaultOrigin}: deterministic content, a strong ETag and a Last-Modified per version of
 * the entity, and the faults switched on for it. Thread-safe; faults may be added while the origin runs.
 */
public final class Resource {

    /** Last-Modified of the first version. */
    public static final Instant LAST_MODIFIED = Instant.parse("2024-05-01T10:15:30Z");

    /** A fault with its remaining firings. */
    static final class Armed {
        final Fault fault;
        private final AtomicInteger left;

        Armed(Fault fault, int times) {
            this.fault = fault;
            this.left = new AtomicInteger(times);
        }

        /** @return whether the fault may fire (it is not used up) */
        boolean armed() {
            return left.get() > 0;
        }

        /** @return whether this call took one of the fault's firings */
        boolean claim() {
            return left.getAndUpdate(n -> n == Fault.ALWAYS ? n : Math.max(0, n - 1)) > 0;
        }
    }

    private final long seed;
    private final int size;
    private final List<Armed> faults = new ArrayList<>();
    private final AtomicInteger gets = new AtomicInteger();
    private volatile int version;

    Resource(long seed, int size) {
        this.seed = seed;
        this.size = size;
    }

    /**
     * Switches a fault on for this path.
     *
     * @return this resource
     */
    public synchronized Resource fault(Fault fault) {
        faults.add(new Armed(fault, times(fault)));
        return this;
    }

    private static int times(Fault fault) {
        if (fault instanceof Fault.ResetAt f) {
            return f.times();
        }
        if (fault instanceof Fault.Stall f) {
            return f.times();
        }
        if (fault instanceof Fault.Status f) {
            return f.times();
        }
        return fault instanceof Fault.ShortLength f ? f.times() : Fault.ALWAYS;
    }

    /** @return the content of the current version, before any Content-Encoding */
    public byte[] content() {
        return content(version);
    }

    /** @return the entity of the current version as served: the content, or its gzip under {@link Fault.Gzip} */
    public byte[] entity() {
        return entity(version);
    }

    /** @return the SHA-256 of {@link #entity()}, lower-case hex */
    public String sha256() {
        return Entities.sha256(entity());
    }

    /** @return the strong ETag of the current version, quoted */
    public String etag() {
        return etag(version);
    }

    /** @return the Last-Modified of the current version */
    public Instant lastModified() {
        return lastModified(version);
    }

    Instant lastModified(int v) {
        return LAST_MODIFIED.plusSeconds(60L * v);
    }

    /** @return how many GETs reached this path (redirect hops not counted) */
    public int gets() {
        return gets.get();
    }

    /** @return the number of the entity's version: 0, then 1 after a {@link Fault.RotateValidators} */
    public int version() {
        return version;
    }

    byte[] content(int v) {
        return Entities.bytes(seed + 7919L * v, size);
    }

    byte[] entity(int v) {
        byte[] content = content(v);
        return find(Fault.Gzip.class).isPresent() ? Entities.gzip(content) : content;
    }

    String etag(int v) {
        return "\"" + Entities.sha256(entity(v)).substring(0, 16) + "-" + v + "\"";
    }

    /** Counts a GET and applies a rotation due; @return the version this GET is served from */
    int countGet() {
        int n = gets.incrementAndGet();
        if (n >= 2 && version == 0 && find(Fault.RotateValidators.class).isPresent()) {
            version = 1;
        }
        return version;
    }

    /** @return the first fault of that type, armed or not */
    synchronized <F extends Fault> Optional<F> find(Class<F> type) {
        return faults.stream().map(a -> a.fault).filter(type::isInstance).map(type::cast).findFirst();
    }

    /** @return the armed faults of that type, in the order they were switched on */
    synchronized List<Armed> armed(Class<? extends Fault> type) {
        return faults.stream().filter(a -> type.isInstance(a.fault) && a.armed()).toList();
    }
}
