package org.qmgr.transport.jetty.internal;

import java.lang.annotation.Annotation;

/** A {@link JettyTransportConfig} for tests: the metatype defaults, with a few overrides. */
@SuppressWarnings("ClassExplicitlyAnnotation")
final class TestConfig implements JettyTransportConfig {

    private int readTimeoutSeconds = 120;
    private int maxRedirects = 10;

    static TestConfig defaults() {
        return new TestConfig();
    }

    TestConfig readTimeout(int seconds) {
        this.readTimeoutSeconds = seconds;
        return this;
    }

    TestConfig redirects(int max) {
        this.maxRedirects = max;
        return this;
    }

    @Override
    public int connectTimeoutSeconds() {
        return 30;
    }

    @Override
    public int readTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    @Override
    public int maxRedirects() {
        return maxRedirects;
    }

    @Override
    public int maxConnectionsPerDestination() {
        return 8;
    }

    @Override
    public String userAgent() {
        return "";
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return JettyTransportConfig.class;
    }
}
