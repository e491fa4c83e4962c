package org.qmgr.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.qmgr.api.GroupProp;
import org.qmgr.api.Protocol;
import org.qmgr.api.QmgrInvalidArgumentException;
import org.qmgr.api.Variant;

class PropertyValuesTest {

    @Test
    void notifyFlagsByNameOrNumber() {
        assertThat(PropertyValues.notifyFlags("GROUP_DONE|FILE_DONE")).isEqualTo(0x5);
        assertThat(PropertyValues.notifyFlags("group_done, qm_notify_disable_notify")).isEqualTo(0x44);
        assertThat(PropertyValues.notifyFlags("0x87")).isEqualTo(0x87);
        assertThat(PropertyValues.notifyFlags("3")).isEqualTo(3);
        assertThat(PropertyValues.notifyFlagNames(0x5)).isEqualTo("FILE_DONE|GROUP_DONE");
        assertThat(PropertyValues.notifyFlagNames(0)).isEqualTo("0");
    }

    @Test
    void anUnknownFlagIsNamed() {
        assertThatThrownBy(() -> PropertyValues.notifyFlags("GROUP_DONE|JOB_GONE"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown notify flag 'JOB_GONE'");
    }

    @Test
    void valuesFollowThePropertyType() {
        assertThat(PropertyValues.parse(GroupProp.DISPLAYNAME, "my files")).isEqualTo(Variant.bstr("my files"));
        assertThat(PropertyValues.parse(GroupProp.PROGRESSSIZE, "0xFFFFFFFF")).isEqualTo(Variant.i4(-1));
        assertThat(PropertyValues.parse(GroupProp.PROGRESSPERCENT, "10")).isEqualTo(Variant.i4(10));
        assertThat(PropertyValues.parse(GroupProp.PROTOCOLFLAGS, "http")).isEqualTo(Variant.i4(Protocol.HTTP.value()));
        assertThat(PropertyValues.parse(GroupProp.PROTOCOLFLAGS, "2")).isEqualTo(Variant.i4(2));
        assertThat(PropertyValues.parse(GroupProp.NOTIFYCLSID, "69ad4aee-51be-439b-a92c-86ae490e8b30"))
                .isEqualTo(Variant.bstr("{69AD4AEE-51BE-439B-A92C-86AE490E8B30}"));
        assertThat(PropertyValues.parse(GroupProp.NOTIFYCLSID, "none")).isEqualTo(Variant.bstr(""));
    }

    @Test
    void aBadNumberIsNamedWithItsProperty() {
        assertThatThrownBy(() -> PropertyValues.parse(GroupProp.PROGRESSTIME, "soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad value for PROGRESSTIME: 'soon' is not a number 0..4294967295");
        assertThatThrownBy(() -> PropertyValues.parse(GroupProp.PROGRESSSIZE, "4294967296"))
                .hasMessageContaining("'4294967296'");
        assertThatThrownBy(() -> PropertyValues.parse(GroupProp.NOTIFYCLSID, "{nope}"))
                .isInstanceOf(QmgrInvalidArgumentException.class).hasMessageContaining("'{nope}'");
    }
}
