package org.qmgr.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qmgr.shell.internal.ProgressLineTest.group;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.qmgr.shell.internal.ProgressDisplay.Row;

class ProgressDisplayTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Row row(String name, long done, String state) {
        return new Row(group(name, done, 1000, state), -1);
    }

    @Test
    void anAnsiTerminalGetsTheBlockRedrawnInPlaceAndTheCursorBack() {
        ProgressDisplay display = new ProgressDisplay(out, true, () -> 0);
        display.show(List.of(row("a", 100, "TRANSFERRING"), row("b", 0, "QUEUED")));
        display.show(List.of(row("a", 200, "TRANSFERRING"), row("b", 50, "TRANSFERRING")));
        display.close();

        String e = "\u001B[";
        assertThat(text()).isEqualTo(e + "?25l"
                + "\r" + e + "2K" + ProgressLine.render(group("a", 100, 1000, "TRANSFERRING"), -1) + "\n"
                + "\r" + e + "2K" + ProgressLine.render(group("b", 0, 1000, "QUEUED"), -1) + "\n"
                + e + "2A"
                + "\r" + e + "2K" + ProgressLine.render(group("a", 200, 1000, "TRANSFERRING"), -1) + "\n"
                + "\r" + e + "2K" + ProgressLine.render(group("b", 50, 1000, "TRANSFERRING"), -1) + "\n"
                + e + "?25h");
    }

    @Test
    void aDumbTerminalGetsPlainLinesOnlyWhenAStepOrStateChanges() {
        ProgressDisplay display = new ProgressDisplay(out, false, () -> 0);
        display.show(List.of(row("a", 100, "TRANSFERRING")));
        display.show(List.of(row("a", 150, "TRANSFERRING")));
        display.show(List.of(row("a", 210, "TRANSFERRING")));
        display.show(List.of(row("a", 210, "SUSPENDED")));
        display.close();

        assertThat(text()).doesNotContain("\u001B").isEqualTo(String.join(System.lineSeparator(),
                ProgressLine.render(group("a", 100, 1000, "TRANSFERRING"), -1),
                ProgressLine.render(group("a", 210, 1000, "TRANSFERRING"), -1),
                ProgressLine.render(group("a", 210, 1000, "SUSPENDED"), -1), ""));
    }

    @Test
    void fewerRowsThanDrawnEraseTheRest() {
        ProgressDisplay display = new ProgressDisplay(out, true, () -> 0);
        display.show(List.of(row("a", 1, "QUEUED"), row("b", 1, "QUEUED")));
        display.show(List.of(row("a", 2, "QUEUED")));
        assertThat(text()).endsWith("\n\u001B[J");
    }

    @Test
    void onATerminalEachLineIsCutToOneColumnLessThanItsWidthAsOfThatRedraw() {
        AtomicInteger columns = new AtomicInteger(60);
        ProgressDisplay display = new ProgressDisplay(out, true, columns::get);
        String longName = "/var/lib/downloads/" + "x".repeat(80);
        display.show(List.of(row(longName, 100, "TRANSFERRING")));
        columns.set(40); // the user narrows the window
        display.show(List.of(row(longName, 200, "TRANSFERRING")));

        List<String> rows = List.of(text().replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").split("[\r\n]+"));
        assertThat(rows).filteredOn(r -> !r.isEmpty()).hasSize(2)
                .satisfiesExactly(r -> assertThat(r).hasSize(59).endsWith("…"),
                        r -> assertThat(r).hasSize(39).startsWith("[####---").endsWith("…"));
    }

    @Test
    void plainLinesAreNeverCut() {
        ProgressDisplay display = new ProgressDisplay(out, false, () -> 40);
        String line = ProgressLine.render(group("a-rather-long-display-name-for-a-group", 100, 1000, "QUEUED"), -1);
        display.show(List.of(row("a-rather-long-display-name-for-a-group", 100, "QUEUED")));
        assertThat(text()).isEqualTo(line + System.lineSeparator());
    }
}
