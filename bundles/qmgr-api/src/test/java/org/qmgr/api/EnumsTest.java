package org.qmgr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qmgr.api.ConstantsConformanceTest.assertInvalidArg;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Attributes of GroupProp, Protocol, BgJobState and BackgroundPriority; FileSetInfo carries values unvalidated. */
class EnumsTest {

    @Test
    void groupPropAttributesFollowP4AndP5() {
        assertThat(Arrays.stream(GroupProp.values()).filter(p -> !p.supported()))
                .containsExactly(GroupProp.LOCALUSERID, GroupProp.LOCALUSERPWD);
        assertThat(EnumSet.allOf(GroupProp.class).stream().filter(GroupProp::stringValued))
                .containsExactly(GroupProp.REMOTEUSERID, GroupProp.REMOTEUSERPWD, GroupProp.LOCALUSERID,
                        GroupProp.LOCALUSERPWD, GroupProp.NOTIFYCLSID, GroupProp.DISPLAYNAME, GroupProp.DESCRIPTION);
        assertThat(Arrays.stream(GroupProp.values()).filter(GroupProp::writeOnly))
                .containsExactly(GroupProp.REMOTEUSERPWD);
        assertThat(GroupProp.find(7)).contains(GroupProp.NOTIFYCLSID);
    }

    @Test
    void protocolSchemes() {
        assertThat(Protocol.HTTP.schemes()).containsExactlyInAnyOrder("http", "https");
        assertThat(Protocol.FTP.schemes()).containsExactlyInAnyOrder("ftp", "ftps");
        assertThat(Protocol.SMB.schemes()).containsExactly("file");
        assertThat(Protocol.CUSTOM.schemes()).isEmpty();
        assertThat(Protocol.fromValue(3)).isEqualTo(Protocol.SMB);
        assertInvalidArg(() -> Protocol.fromValue(-1));
    }

    @Test
    void bgJobStateValues() {
        String[] names = {"QUEUED", "CONNECTING", "TRANSFERRING", "SUSPENDED", "ERROR", "TRANSIENT_ERROR",
            "TRANSFERRED", "ACKNOWLEDGED", "CANCELLED"};
        for (int v = 0; v <= 8; v++) {
            assertThat(BgJobState.fromValue(v).name()).isEqualTo(names[v]);
            assertThat(BgJobState.fromValue(v).value()).isEqualTo(v);
        }
        assertInvalidArg(() -> BgJobState.fromValue(9));
    }

    @Test
    void backgroundPrioritiesInDescendingOrder() {
        assertThat(BackgroundPriority.values())
                .containsExactly(BackgroundPriority.HIGH, BackgroundPriority.NORMAL, BackgroundPriority.LOW);
    }

    @Test
    void fileSetInfoKeepsAnyValueUnvalidated() {
        FileSetInfo bad = new FileSetInfo(null, "relative/path");
        assertThat(bad.remoteFile()).isNull();
        assertThat(bad.sizeHint()).isZero();
        assertThat(bad.expectedSha256()).isNull();
        FileSetInfo hinted = new FileSetInfo("http://h/f", "/tmp/f", -1);
        assertThat(hinted.sizeHintUnsigned()).isEqualTo(4294967295L);
        assertThat(hinted).isEqualTo(new FileSetInfo("http://h/f", "/tmp/f", -1, null));
        assertThat(new FileSetInfo("http://h/f", "/tmp/f", 0, "ab").expectedSha256()).isEqualTo("ab");
        assertThat(new FileSetInfo("a", "b")).isEqualTo(new FileSetInfo("a", "b", 0, null));
    }
}
