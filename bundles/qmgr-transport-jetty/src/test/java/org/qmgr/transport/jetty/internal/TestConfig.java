package org.qmgr.transport.jetty.internal;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;

/** A {@link JettyTransportConfig} for tests: the metatype defaults, with overrides by method name. */
@SuppressWarnings("ClassExplicitlyAnnotation")
final class TestConfig implements JettyTransportConfig {

    private final Map<String, Object> values = new HashMap<>();

    static TestConfig defaults() {
        return new TestConfig();
    }

    TestConfig readTimeout(int seconds) {
        return set("readTimeoutSeconds", seconds);
    }

    TestConfig redirects(int max) {
        return set("maxRedirects", max);
    }

    /** @param method the attribute's method name, e.g. {@code proxy_type} for {@code proxy.type} */
    TestConfig set(String method, Object value) {
        values.put(method, value);
        return this;
    }

    private Object get(String method) {
        if (values.containsKey(method)) {
            return values.get(method);
        }
        try {
            return JettyTransportConfig.class.getMethod(method).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(method, e);
        }
    }

    @Override
    public int connectTimeoutSeconds() {
        return (Integer) get("connectTimeoutSeconds");
    }

    @Override
    public int readTimeoutSeconds() {
        return (Integer) get("readTimeoutSeconds");
    }

    @Override
    public int maxRedirects() {
        return (Integer) get("maxRedirects");
    }

    @Override
    public int maxConnectionsPerDestination() {
        return (Integer) get("maxConnectionsPerDestination");
    }

    @Override
    public int maxConcurrentRequests() {
        return (Integer) get("maxConcurrentRequests");
    }

    @Override
    public String userAgent() {
        return (String) get("userAgent");
    }

    @Override
    public boolean http2() {
        return (Boolean) get("http2");
    }

    @Override
    public String http2Cleartext() {
        return (String) get("http2Cleartext");
    }

    @Override
    public String proxy_type() {
        return (String) get("proxy_type");
    }

    @Override
    public String proxy_host() {
        return (String) get("proxy_host");
    }

    @Override
    public int proxy_port() {
        return (Integer) get("proxy_port");
    }

    @Override
    public String[] proxy_nonProxyHosts() {
        return (String[]) get("proxy_nonProxyHosts");
    }

    @Override
    public String proxy_user() {
        return (String) get("proxy_user");
    }

    @Override
    public String _proxy_password() {
        return (String) get("_proxy_password");
    }

    @Override
    public String tls_trustStore() {
        return (String) get("tls_trustStore");
    }

    @Override
    public String _tls_trustStorePassword() {
        return (String) get("_tls_trustStorePassword");
    }

    @Override
    public String tls_trustStoreType() {
        return (String) get("tls_trustStoreType");
    }

    @Override
    public String tls_keyStore() {
        return (String) get("tls_keyStore");
    }

    @Override
    public String _tls_keyStorePassword() {
        return (String) get("_tls_keyStorePassword");
    }

    @Override
    public String tls_keyStoreType() {
        return (String) get("tls_keyStoreType");
    }

    @Override
    public int reconfigureGraceSeconds() {
        return (Integer) get("reconfigureGraceSeconds");
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return JettyTransportConfig.class;
    }
}
