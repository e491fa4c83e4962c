package org.qmgr.engine.internal.digest;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;

/**
 * The JDK's own SHA-256 (the SUN provider's, with its SHA-NI intrinsic) driven through its SPI, with its
 * chaining words, buffer and byte count read and written by reflection. Works only where
 * {@code java.base/sun.security.provider} is opened to the unnamed modules; {@link Sha256Digests} probes that.
 * Classes and members are found by name only, so the bundle imports no {@code sun.*} package.
 */
final class JdkSha256 implements ResumableSha256 {

    private static final String DIGEST_BASE = "sun.security.provider.DigestBase";
    private static final String SHA2 = "sun.security.provider.SHA2";

    /** The SPI members, resolved once per JVM. */
    static final class Access {

        private final Provider.Service service;
        private final MethodHandle update;
        private final MethodHandle digest;
        private final MethodHandle reset;
        private final Field words;
        private final Field buffer;
        private final Field buffered;
        private final Field count;

        private Access(Provider.Service service, Class<?> base, Class<?> sha2) throws ReflectiveOperationException {
            this.service = service;
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            update = lookup.unreflect(open(base.getDeclaredMethod("engineUpdate", byte[].class, int.class, int.class)))
                    .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class, int.class));
            digest = lookup.unreflect(open(base.getDeclaredMethod("engineDigest")))
                    .asType(MethodType.methodType(byte[].class, Object.class));
            reset = lookup.unreflect(open(base.getDeclaredMethod("engineReset")))
                    .asType(MethodType.methodType(void.class, Object.class));
            words = open(sha2.getDeclaredField("state"));
            buffer = open(base.getDeclaredField("buffer"));
            buffered = open(base.getDeclaredField("bufOfs"));
            count = open(base.getDeclaredField("bytesProcessed"));
        }

        /**
         * @return the members of the SUN provider's SHA-256
         * @throws java.lang.reflect.InaccessibleObjectException when the package is not opened to us
         */
        static Access resolve() throws GeneralSecurityException, ReflectiveOperationException {
            Provider sun = Security.getProvider("SUN");
            Provider.Service service = sun == null ? null : sun.getService("MessageDigest", "SHA-256");
            if (service == null) {
                throw new NoSuchAlgorithmException("no SHA-256 in the SUN provider");
            }
            Class<?> type = service.newInstance(null).getClass();
            return new Access(service, ancestor(type, DIGEST_BASE), ancestor(type, SHA2));
        }

        private Object newSpi() {
            try {
                return service.newInstance(null);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SUN SHA-256 could be created before", e);
            }
        }

        private static Class<?> ancestor(Class<?> type, String name) throws ClassNotFoundException {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (c.getName().equals(name)) {
                    return c;
                }
            }
            throw new ClassNotFoundException("SUN SHA-256 is a " + type.getName() + ", not a " + name);
        }

        private static <T extends AccessibleObject> T open(T member) {
            member.setAccessible(true);
            return member;
        }
    }

    private final Access access;
    private final Object spi;

    /** A digest of no bytes yet. */
    JdkSha256(Access access) {
        this.access = access;
        this.spi = access.newSpi();
    }

    /** A digest continuing from {@code state}. */
    JdkSha256(Access access, Sha256State state) {
        this(access);
        try {
            int[] words = (int[]) access.words.get(spi);
            System.arraycopy(state.words(), 0, words, 0, 8);
            byte[] partial = state.partial();
            System.arraycopy(partial, 0, (byte[]) access.buffer.get(spi), 0, partial.length);
            access.buffered.setInt(spi, partial.length);
            access.count.setLong(spi, state.byteCount());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("opened by Access", e);
        }
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        try {
            access.update.invokeExact(spi, data, offset, length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("engineUpdate declares no checked exception", t);
        }
    }

    @Override
    public Sha256State exportState() {
        try {
            long bytes = access.count.getLong(spi);
            int held = access.buffered.getInt(spi);
            if (held != (int) (bytes & (Sha256State.BLOCK - 1))) {
                throw new IllegalStateException("JDK SHA-256 buffers " + held + " bytes after " + bytes);
            }
            byte[] partial = Arrays.copyOf((byte[]) access.buffer.get(spi), held);
            return Sha256State.of((int[]) access.words.get(spi), bytes, partial);
        } catch (IllegalAccessException | DigestStateException e) {
            throw new IllegalStateException("JDK SHA-256 state unreadable", e);
        }
    }

    @Override
    public byte[] digest() {
        try {
            return (byte[]) access.digest.invokeExact(spi);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("engineDigest declares no checked exception", t);
        }
    }

    @Override
    public void reset() {
        try {
            access.reset.invokeExact(spi);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("engineReset declares no checked exception", t);
        }
    }
}
