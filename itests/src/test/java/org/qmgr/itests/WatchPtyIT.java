package org.qmgr.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestName;

/**
 * {@code qmgr:watch} as a user at a terminal sees it: the shipped distribution started by its own scripts
 * ({@link KarafProcess}), its console over SSH with a pseudo-terminal ({@link PtyConsole}), and a download from
 * a {@link ThrottledOrigin} slow enough to watch. Each console's transcript is kept in {@code target/watch-pty-it}.
 */
public class WatchPtyIT {

    private static final long MIB = 1024 * 1024;
    private static final GeneratedBody BODY = new GeneratedBody(0x7A7C4L, 4 * MIB);
    /** 4 MiB at 512 KiB/s: eight seconds, several redraws at the default half-second interval. */
    private static final long RATE = 512 * 1024;

    private static final Pattern GROUP = Pattern.compile("group ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    /** The percentage right after the bar of a progress line. */
    private static final Pattern PERCENT = Pattern.compile("\\] +(\\d{1,3})%");
    /** A whole progress line (frame) from its percentage on. */
    private static final Pattern FRAME = Pattern.compile("\\] +\\d{1,3}%[^\r\n]*");
    /** ProgressDisplay moving the cursor back over its one-row block: a redraw in place. */
    private static final String UP_ONE_ROW = "\u001B[1A";
    private static final String ERASE_LINE = "\u001B[2K";
    private static final String SHOW_CURSOR = "\u001B[?25h";

    private static KarafProcess karaf;
    private static ThrottledOrigin origin;

    @Rule
    public final TestName test = new TestName();

    private PtyConsole console;

    @BeforeClass
    public static void startKarafAndOrigin() throws Exception {
        origin = new ThrottledOrigin("/watched.bin", BODY, RATE);
        karaf = KarafProcess.unpack("watch-pty-it");
        Files.createDirectories(karaf.home().resolve("downloads"));
        karaf.start();
    }

    @AfterClass
    public static void stopKarafAndOrigin() throws Exception {
        try {
            if (karaf != null) {
                karaf.close();
            }
        } finally {
            if (origin != null) {
                origin.close();
            }
        }
    }

    @Before
    public void login() throws Exception {
        console = PtyConsole.open(karaf);
    }

    @After
    public void logout() throws Exception {
        if (console == null) {
            return;
        }
        Files.writeString(karaf.home().resolve(test.getMethodName() + ".console.txt"),
                PtyConsole.visible(console.raw(0)), UTF_8);
        console.close();
    }

    @Test
    public void watchRedrawsTheBarInPlaceAsItAdvancesAndReturnsWhenTheGroupCompletes() throws Exception {
        Path file = karaf.home().resolve("downloads/completed.bin");
        String group = get(file);

        int mark = console.mark();
        console.type("qmgr:watch " + group);
        console.awaitPromptAfter(mark, Pattern.compile("100%.*COMPLETE"));

        String raw = console.raw(mark);
        String shown = PtyConsole.visible(raw);
        assertTrue("redrawn in place (cursor up one row, erase line) more than once: " + shown,
                count(raw, UP_ONE_ROW) >= 2 && raw.contains(ERASE_LINE));
        List<Integer> percents = percents(PtyConsole.plain(raw));
        assertTrue("the bar shows at least two percentages below 100 on its way: " + percents,
                percents.stream().filter(p -> p < 100).distinct().count() >= 2);
        assertTrue("the percentage never goes back: " + percents, ascending(percents));
        assertEquals("the last frame is the finished group: " + shown, 100, (int) percents.get(percents.size() - 1));
        assertTrue("the cursor is given back: " + shown, raw.contains(SHOW_CURSOR));
        assertFitsTheTerminal(raw);
        assertEquals(BODY.sha256(), GeneratedBody.sha256(file));
    }

    @Test
    public void ctrlCEndsTheWatchButTheGroupKeepsTransferringToCompletion() throws Exception {
        Path file = karaf.home().resolve("downloads/interrupted.bin");
        String group = get(file);

        int mark = console.mark();
        console.type("qmgr:watch " + group);
        console.awaitOutput("a redraw of the bar", () -> count(console.raw(mark), UP_ONE_ROW) >= 1);
        console.ctrlC();
        console.awaitPromptAfter(mark, FRAME);
        int stopped = console.mark();
        // the console shows its prompt without waiting for the interrupted command, which gives the cursor back
        console.awaitOutput("the cursor given back", () -> console.raw(mark).contains(SHOW_CURSOR));

        String raw = console.raw(mark);
        assertFalse("stopped before the group finished: " + PtyConsole.visible(raw), raw.contains("COMPLETE"));
        String row = groupsRow(group);
        assertFalse("still there, not finished: " + row, row.contains("0x140"));
        await("the watched group completes after all").atMost(PtyConsole.DEADLINE)
                .until(() -> Files.exists(file) && BODY.sha256().equals(GeneratedBody.sha256(file)));
        String done = groupsRow(group);
        assertTrue("listed as complete: " + done, done.contains("0x140"));
        assertFalse("no frame drawn after the prompt came back: " + PtyConsole.visible(console.raw(stopped)),
                FRAME.matcher(console.text(stopped)).find());
    }

    /** @return the group's row of {@code qmgr:groups --no-format}, typed at the console */
    private String groupsRow(String group) throws IOException {
        int mark = console.mark();
        console.type("qmgr:groups --no-format");
        console.awaitPromptAfter(mark, Pattern.compile(Pattern.quote(group) + ".*"));
        return console.text(mark).lines().filter(l -> l.contains(group)).reduce((a, b) -> b).orElseThrow();
    }

    /** Queues the download with {@code qmgr:get} (no wait) and returns its group id. */
    private String get(Path file) throws IOException {
        int mark = console.mark();
        console.type("qmgr:get " + origin.url() + " " + file);
        console.awaitPromptAfter(mark, GROUP);
        Matcher m = GROUP.matcher(console.text(mark));
        assertTrue(m.find());
        return m.group(1);
    }

    /** Progress lines only: JLine itself pads a line to the full width to find out whether the terminal wraps. */
    private static void assertFitsTheTerminal(String raw) {
        List<String> frames = PtyConsole.plain(raw).lines().flatMap(l -> List.of(l.split("\r")).stream())
                .filter(l -> FRAME.matcher(l).find()).toList();
        assertFalse(frames.isEmpty());
        for (String frame : frames) {
            assertTrue("a line as wide as the terminal wraps, and the redraw then climbs too few rows: "
                    + frame.length() + " columns: " + frame, frame.length() < PtyConsole.COLUMNS);
        }
    }

    private static List<Integer> percents(String text) {
        List<Integer> percents = new ArrayList<>();
        Matcher m = PERCENT.matcher(text);
        while (m.find()) {
            percents.add(Integer.parseInt(m.group(1)));
        }
        return percents;
    }

    private static boolean ascending(List<Integer> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) < values.get(i - 1)) {
                return false;
            }
        }
        return !values.isEmpty();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
