package org.qmgr.transport.file.internal;

import java.lang.annotation.Annotation;

/** A {@link FileTransportConfig} for tests: the metatype defaults, with a few overrides. */
@SuppressWarnings("ClassExplicitlyAnnotation")
final class TestConfig implements FileTransportConfig {

    private String[] allowedRoots = {};
    private int readBufferSize = 65536;

    static TestConfig defaults() {
        return new TestConfig();
    }

    TestConfig roots(String... roots) {
        this.allowedRoots = roots.clone();
        return this;
    }

    TestConfig buffer(int bytes) {
        this.readBufferSize = bytes;
        return this;
    }

    @Override
    public String[] allowedRoots() {
        return allowedRoots.clone();
    }

    @Override
    public int readBufferSize() {
        return readBufferSize;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return FileTransportConfig.class;
    }
}
