package org.qmgr.shell.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

/** Effective values, defaults and set/default per key, with every kind of secret masked. */
class EffectiveConfigTest {

    @Test
    void declaredKeysShowTheirValueOrDefaultAndOtherKeysFollow() {
        PidConfig c = new PidConfig("org.qmgr.engine", null,
                Map.of("timeSliceSeconds", 30, "allowedLocalRoots", new String[] {"/a", "/b"}, "extra", "x",
                        "service.pid", "org.qmgr.engine", "felix.fileinstall.filename", "file:/etc/x.cfg"),
                List.of(ad("minRetryDelaySeconds", AttributeDefinition.INTEGER, "600"),
                        ad("timeSliceSeconds", AttributeDefinition.INTEGER, "60"),
                        ad("allowedLocalRoots", AttributeDefinition.STRING)));

        assertThat(EffectiveConfig.rows(c)).containsExactly(
                new ConfigRow("org.qmgr.engine", "minRetryDelaySeconds", "600", "600", false),
                new ConfigRow("org.qmgr.engine", "timeSliceSeconds", "30", "60", true),
                new ConfigRow("org.qmgr.engine", "allowedLocalRoots", "/a,/b", "", true),
                new ConfigRow("org.qmgr.engine", "extra", "x", "", true));
    }

    @Test
    void secretsAreMaskedByNameAndByPasswordType() {
        PidConfig c = new PidConfig("org.qmgr.transport.jetty", null,
                Map.of(".proxy.password", "hunter2", "my.Secret", "s", "dbPwd", "p", "credentialFile", "c",
                        "token", "t"),
                List.of(ad(".proxy.password", AttributeDefinition.STRING, ""),
                        ad("token", AttributeDefinition.PASSWORD, "dflt")));

        List<ConfigRow> rows = EffectiveConfig.rows(c);

        assertThat(rows).extracting(ConfigRow::key)
                .containsExactly(".proxy.password", "token", "credentialFile", "dbPwd", "my.Secret");
        assertThat(rows).allSatisfy(r -> assertThat(r.value()).isEqualTo(EffectiveConfig.MASK));
        assertThat(rows.get(1).defaultValue()).isEqualTo(EffectiveConfig.MASK);
        assertThat(rows.toString()).doesNotContain("hunter2", "dflt");
    }

    @Test
    void aPidWithoutConfigurationShowsItsDefaults() {
        PidConfig c = new PidConfig("org.qmgr.callbacks", null, null,
                List.of(ad("notificationRetrySeconds", AttributeDefinition.INTEGER, "60")));

        assertThat(EffectiveConfig.rows(c)).containsExactly(
                new ConfigRow("org.qmgr.callbacks", "notificationRetrySeconds", "60", "60", false));
    }

    private static AttributeDefinition ad(String id, int type, String... defaults) {
        return new AttributeDefinition() {
            @Override public String getName() { return id; }
            @Override public String getID() { return id; }
            @Override public String getDescription() { return ""; }
            @Override public int getCardinality() { return 0; }
            @Override public int getType() { return type; }
            @Override public String[] getOptionValues() { return null; }
            @Override public String[] getOptionLabels() { return null; }
            @Override public String validate(String value) { return null; }
            @Override public String[] getDefaultValue() { return defaults.length == 0 ? null : defaults; }
        };
    }
}
