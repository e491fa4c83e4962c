package org.qmgr.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@code qmgr:get} and {@code qmgr:groups} through a real Karaf shell session. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends QmgrTestSupport {

    @Inject
    SessionFactory sessionFactory;

    /** Karaf registers a bundle's commands asynchronously; the session factory may come first. */
    @Before
    public void awaitQmgrCommands() {
        await().atMost(Duration.ofSeconds(60)).until(() -> sessionFactory.getRegistry().getCommand("qmgr", "get") != null
                && sessionFactory.getRegistry().getCommand("qmgr", "groups") != null);
    }

    @Test
    public void getWaitDownloadsAFileAndGroupsListsIt() throws Exception {
        Path target = Files.createTempDirectory("qmgr-shell-it").resolve("small.txt");

        String output = execute("qmgr:get --wait " + origin() + "/small.txt " + target);

        assertArrayEquals("hello from the qmgr origin\n".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(target));
        String groupId = output.lines().filter(l -> l.startsWith("group ")).findFirst()
                .map(l -> l.substring(6).trim()).orElse(null);
        assertNotNull("qmgr:get names the group it created", groupId);
        String table = execute("qmgr:groups --no-format");
        assertTrue("qmgr:groups lists the completed group: " + table,
                table.lines().anyMatch(l -> l.contains(groupId) && l.contains("0x140")));
    }

    @Test
    public void getWaitFailsForAMissingFile() throws Exception {
        Path target = Files.createTempDirectory("qmgr-shell-it").resolve("missing.bin");
        try {
            execute("qmgr:get --wait " + origin() + "/missing.bin " + target);
            fail("a 404 must fail the command");
        } catch (Exception expected) {
            assertTrue(String.valueOf(expected.getMessage()), String.valueOf(expected.getMessage()).contains("404"));
        }
        assertFalse(Files.exists(target));
    }

    private String execute(String command) throws Exception {
        return executeInShell(sessionFactory, command);
    }
}
