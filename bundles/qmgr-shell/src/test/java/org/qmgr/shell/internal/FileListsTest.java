package org.qmgr.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.qmgr.api.FileSetInfo;

class FileListsTest {

    @Test
    void readsUrlPathLinesSkippingBlanksAndComments() {
        List<FileSetInfo> files = FileLists.parse(List.of("# downloads", "", "http://h/a /tmp/a",
                "  http://h/b?x=1&y=2\t/tmp/dir with space/b  ", "   "));

        assertThat(files).containsExactly(new FileSetInfo("http://h/a", "/tmp/a"),
                new FileSetInfo("http://h/b?x=1&y=2", "/tmp/dir with space/b"));
    }

    @Test
    void aLineWithoutPathFailsNamingItsNumber() {
        assertThatThrownBy(() -> FileLists.parse(List.of("http://h/a /tmp/a", "# c", "http://h/b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 3: expected 'URL PATH', got 'http://h/b'");
    }

    @Test
    void aListWithoutFilesFails() {
        assertThatThrownBy(() -> FileLists.parse(List.of("# nothing", "")))
                .hasMessageContaining("no 'URL PATH' line");
    }
}
