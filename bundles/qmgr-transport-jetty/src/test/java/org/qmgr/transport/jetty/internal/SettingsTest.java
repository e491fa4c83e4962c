package org.qmgr.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Configuration validation (one-line errors naming the bad value) and the non-proxy host patterns. */
class SettingsTest {

    @Test
    void defaultsAreValid() {
        Settings settings = Settings.from(TestConfig.defaults());

        assertThat(settings.http2()).isTrue();
        assertThat(settings.http2Cleartext()).isEqualTo(Settings.Cleartext.OFF);
        assertThat(settings.proxy().type()).isEqualTo(Settings.ProxyType.NONE);
        assertThat(settings.maxConcurrentRequests()).isEqualTo(64);
    }

    @Test
    void badValuesAreNamedInOneLine() {
        assertBad(TestConfig.defaults().set("http2Cleartext", "h2c"),
                "http2Cleartext = 'h2c' is not one of off, upgrade, prior-knowledge");
        assertBad(TestConfig.defaults().set("proxy_type", "http"),
                "proxy.host = '' must be a host name or address for proxy.type http");
        assertBad(TestConfig.defaults().set("proxy_type", "socks5").set("proxy_host", "p").set("proxy_port", 70000),
                "proxy.port = '70000' must be 1 to 65535 for proxy.type socks5");
        assertBad(TestConfig.defaults().set("proxy_user", "u"),
                "proxy.user = 'u' is only used with proxy.type http or socks5");
        assertBad(socks5().set("proxy_user", "é".repeat(128)).set("_proxy_password", "pw"),
                "proxy.user = '" + "é".repeat(128) + "' must be at most 255 bytes in UTF-8 for proxy.type socks5");
        assertBad(socks5().set("proxy_user", "u"),
                ".proxy.password (not shown) must be 1 to 255 bytes in UTF-8 for a proxy.user of proxy.type socks5, "
                        + "not 0");
        assertBad(socks5().set("proxy_user", "u").set("_proxy_password", "hunter2".repeat(37)),
                ".proxy.password (not shown) must be 1 to 255 bytes in UTF-8 for a proxy.user of proxy.type socks5, "
                        + "not 259");
        assertBad(TestConfig.defaults().set("proxy_nonProxyHosts", new String[] {"ok.example", "a*b"}),
                "proxy.nonProxyHosts = 'a*b' may have one * only at its start or its end");
        assertBad(TestConfig.defaults().set("maxConcurrentRequests", 0), "maxConcurrentRequests = '0' must be at least 1");
        assertBad(TestConfig.defaults().set("tls_keyStoreType", "PKCS 12"),
                "tls.keyStoreType = 'PKCS 12' is not a key store type (PKCS12, JKS)");
    }

    @Test
    void passwordsNeverAppearInTheSettingsText() {
        Settings settings = Settings.from(TestConfig.defaults().set("proxy_type", "http").set("proxy_host", "p")
                .set("proxy_port", 3128).set("proxy_user", "u").set("_proxy_password", "hunter2")
                .set("_tls_trustStorePassword", "hunter3"));

        assertThat(settings.toString()).contains("http proxy p:3128 as u").doesNotContain("hunter");
    }

    @Test
    void socks5TakesAUserAndPasswordAndHidesThePassword() {
        Settings settings = Settings.from(socks5().set("proxy_user", "u").set("_proxy_password", "hunter2"));

        assertThat(settings.proxy().user()).isEqualTo("u");
        assertThat(settings.proxy().password()).isEqualTo("hunter2");
        assertThat(settings.toString()).contains("socks5 proxy p:1080 as u").doesNotContain("hunter");
    }

    @Test
    void nonProxyHostPatterns() {
        List<String> patterns = NonProxyHosts.parse(new String[] {" *.Example.com | 10.* ", "localhost,", "::1"});

        assertThat(patterns).containsExactly("*.example.com", "10.*", "localhost", "::1");
        assertThat(NonProxyHosts.matches(patterns, "files.EXAMPLE.com")).isTrue();
        assertThat(NonProxyHosts.matches(patterns, "10.1.2.3")).isTrue();
        assertThat(NonProxyHosts.matches(patterns, "LOCALHOST")).isTrue();
        assertThat(NonProxyHosts.matches(patterns, "[::1]")).isTrue();
        assertThat(NonProxyHosts.matches(patterns, "example.com.evil")).isFalse();
        assertThat(NonProxyHosts.matches(patterns, "110.1.2.3")).isFalse();
        assertThat(NonProxyHosts.matches(patterns, "localhost.example")).isFalse();
    }

    private static TestConfig socks5() {
        return TestConfig.defaults().set("proxy_type", "socks5").set("proxy_host", "p").set("proxy_port", 1080);
    }

    private static void assertBad(TestConfig config, String message) {
        assertThatThrownBy(() -> Settings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("org.qmgr.transport.jetty: " + message);
    }
}
