package org.qmgr.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.GroupProp;
import org.qmgr.api.QmgrInvalidArgumentException;

class ArgsTest {

    private static final UUID ID = UUID.fromString("69ad4aee-51be-439b-a92c-86ae490e8b30");

    @Test
    void idsWithOrWithoutBraces() {
        assertThat(Args.id("69AD4AEE-51BE-439B-A92C-86AE490E8B30")).isEqualTo(ID);
        assertThat(Args.id("{69ad4aee-51be-439b-a92c-86ae490e8b30}")).isEqualTo(ID);
        assertThatThrownBy(() -> Args.id("not-a-guid")).isInstanceOf(QmgrInvalidArgumentException.class)
                .hasMessage("E_INVALIDARG: not a GUID: 'not-a-guid'");
        assertThat(Args.id(" \t{69ad4aee-51be-439b-a92c-86ae490e8b30} ")).isEqualTo(ID);
    }

    @Test
    void controlCharactersAroundAnIdAreNotTrimmedAway() {
        assertThatThrownBy(() -> Args.id("69AD4AEE-51BE-439B-A92C-86AE490E8B30\u0001"))
                .isInstanceOf(QmgrInvalidArgumentException.class)
                .hasMessage("E_INVALIDARG: not a GUID: '69AD4AEE-51BE-439B-A92C-86AE490E8B30\\u0001'");
        assertThatThrownBy(() -> Args.property("\u0000DISPLAYNAME")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertiesAndPrioritiesByNameInAnyCase() {
        assertThat(Args.property("notifyflags")).isEqualTo(GroupProp.NOTIFYFLAGS);
        assertThat(Args.property("GROUPPROP_DISPLAYNAME")).isEqualTo(GroupProp.DISPLAYNAME);
        assertThat(Args.priority("low")).isEqualTo(BackgroundPriority.LOW);
        assertThatThrownBy(() -> Args.property("COLOUR")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown group property 'COLOUR'; one of PRIORITY, REMOTEUSERID");
        assertThatThrownBy(() -> Args.priority("urgent")).hasMessage("unknown priority 'urgent'; one of HIGH, NORMAL, LOW");
    }

    @Test
    void oneLineMessages() {
        assertThat(Texts.oneLine("a\n  b\r\nc")).isEqualTo("a b c");
        assertThat(Texts.oneLine(null)).isEmpty();
    }
}
