package org.qmgr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class GogoCommandTest {

    @Test
    void argumentsBecomeSingleQuotedWordsOfTheQmgrScope() {
        assertThat(GogoCommand.of(List.of("get", "--wait", "http://h:8080/f?a=1&b=2", "/tmp/my file")))
                .isEqualTo("qmgr:get '--wait' 'http://h:8080/f?a=1&b=2' '/tmp/my file'");
        assertThat(GogoCommand.of(List.of("qmgr:groups"))).isEqualTo("qmgr:groups");
    }

    @Test
    void quotesAndBackslashesAreEscapedOutsideTheQuotes() {
        assertThat(GogoCommand.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(GogoCommand.quote("C:\\dir\\")).isEqualTo("'C:'\\\\'dir'\\\\''");
        assertThat(GogoCommand.quote("")).isEqualTo("''");
        assertThat(GogoCommand.quote("$HOME ; | {x} \"y\"\n")).isEqualTo("'$HOME ; | {x} \"y\"\n'");
    }

    @Test
    void onlyPlainCommandNamesAreAccepted() {
        assertThatIllegalArgumentException().isThrownBy(() -> GogoCommand.of(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> GogoCommand.of(List.of("groups;shutdown")));
        assertThatIllegalArgumentException().isThrownBy(() -> GogoCommand.of(List.of("bundle:list")));
        assertThatIllegalArgumentException().isThrownBy(() -> GogoCommand.of(List.of("")));
    }
}
