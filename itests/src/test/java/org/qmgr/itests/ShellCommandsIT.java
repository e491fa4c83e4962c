package org.qmgr.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.qmgr.itests.KarafUsers.as;
import static org.qmgr.itests.KarafUsers.login;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.BackgroundPriority;
import org.qmgr.api.GroupProp;
import org.qmgr.api.GroupStatus;
import org.qmgr.api.Protocol;
import org.qmgr.api.QmgrItemNotFoundException;
import org.qmgr.api.dto.GroupDTO;

/**
 * Every {@code qmgr:group-*}, {@code job-*} and {@code file-*} command through a real Karaf shell session, run as
 * users logged in through Karaf's JAAS realm ({@code etc/users.properties}): alice and bob (no admin role) and
 * carol (role admin). A few tests read the printed output; the rest check the queue through the API, as carol
 * (snapshots, which never move ownership) or as the group's owner.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends QmgrTestSupport {

    private static final String SLOW = "qmgr.it.slow";
    private static final long MIB = 1024 * 1024;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    BackgroundCopyQMgr qmgr;

    private Subject alice;
    private Subject bob;
    private Subject carol;

    /** Runs in the driver JVM: the three users, and a slow origin for a transfer that is still running when suspended. */
    @Override
    @Configuration
    public Option[] config() throws Exception {
        ThrottledOrigin slow = new ThrottledOrigin("/slow.bin", new GeneratedBody(7, 4 * MIB), 256 * 1024);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                slow.close();
            } catch (Exception e) {
                // the JVM is exiting
            }
        }, "slow-origin-stop"));
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/users.properties", "alice", "alice-pw,viewer,ssh"),
                editConfigurationFilePut("etc/users.properties", "bob", "bob-pw,viewer,ssh"),
                editConfigurationFilePut("etc/users.properties", "carol", "carol-pw,admin,manager,viewer,ssh"),
                editConfigurationFilePut("etc/system.properties", SLOW, slow.url()));
    }

    @Before
    public void awaitCommandsAndLogIn() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> sessionFactory.getRegistry().getCommand("qmgr", "file-add") != null
                && sessionFactory.getRegistry().getCommand("qmgr", "group-create") != null);
        alice = login("alice", "alice-pw");
        bob = login("bob", "bob-pw");
        carol = login("carol", "carol-pw");
    }

    @Test
    public void createSetAndInspectAGroup() throws Exception {
        UUID id = UUID.fromString(shell(alice, "qmgr:group-create --name first --description 'for the IT' --priority HIGH").trim());

        shell(alice, "qmgr:group-set " + id + " NOTIFYFLAGS 'GROUP_DONE|FILE_DONE'");
        shell(alice, "qmgr:group-set '{" + id + "}' groupprop_progresspercent 10");
        shell(alice, "qmgr:group-set " + id + " PROGRESSSIZE 0x100000");
        shell(alice, "qmgr:group-set " + id + " PROGRESSTIME 500");
        shell(alice, "qmgr:group-set " + id + " PROTOCOLFLAGS HTTP");
        shell(alice, "qmgr:group-set " + id + " DISPLAYNAME renamed");
        shell(alice, "qmgr:group-set " + id + " DESCRIPTION 'new text'");
        shell(alice, "qmgr:group-set " + id + " REMOTEUSERID someone");
        String pwd = shell(alice, "qmgr:group-set " + id + " REMOTEUSERPWD s3cret-value");
        shell(alice, "qmgr:group-priority " + id + " LOW");
        shell(alice, "qmgr:group-foreground " + id);

        assertEquals("group " + id + " REMOTEUSERPWD set", pwd.trim());
        as(alice, () -> {
            var group = qmgr.getGroup(id);
            assertEquals(0x5, group.getNotifyFlagsMask());
            assertEquals(10, group.getProp(GroupProp.PROGRESSPERCENT).intValue());
            assertEquals(0x100000, group.getProp(GroupProp.PROGRESSSIZE).intValue());
            assertEquals(500, group.getProp(GroupProp.PROGRESSTIME).intValue());
            assertEquals(Protocol.HTTP, group.getProtocol());
            assertEquals("someone", group.getProp(GroupProp.REMOTEUSERID).stringValue());
            return null;
        });
        GroupDTO dto = info(id);
        assertEquals("alice", dto.owner);
        assertEquals("renamed", dto.displayName);
        assertEquals("new text", dto.description);
        assertEquals(BackgroundPriority.LOW.name(), dto.backgroundPriority);
        assertTrue(dto.foreground);
        String info = shell(alice, "qmgr:group-info --no-format " + id);
        assertTrue(info, info.contains("FILE_DONE|GROUP_DONE"));
        assertTrue(info, info.contains("someone"));
        assertFalse("the password is never shown: " + info, info.contains("s3cret"));
    }

    @Test
    public void jobsAndFilesDownloadAfterResume() throws Exception {
        Path dir = KarafUsers.downloadDir("alice", "qmgr-shell-commands");
        UUID group = UUID.fromString(shell(alice, "qmgr:group-create").trim());
        UUID job = UUID.fromString(shell(alice, "qmgr:job-create " + group).trim());
        Path list = dir.resolve("list.txt");
        Files.write(list, List.of("# three copies", origin() + "/small.txt " + dir.resolve("b.txt"), "",
                origin() + "/small.txt " + dir.resolve("c d.txt"), origin() + "/small.txt " + dir.resolve("e.txt")));

        String one = shell(alice, "qmgr:file-add " + job + " " + origin() + "/small.txt " + dir.resolve("a.txt"));
        String three = shell(alice, "qmgr:file-add --list " + list + " " + job);

        assertEquals("1 file added to job " + job, one.trim());
        assertEquals("3 files added to job " + job, three.trim());
        String files = shell(alice, "qmgr:file-list --no-format " + job);
        assertTrue(files, files.contains(dir.resolve("c d.txt").toString()));
        String jobs = shell(alice, "qmgr:job-list --no-format " + group);
        assertTrue(jobs, jobs.contains(job.toString()));
        assertEquals(4, info(group).jobs.get(0).files.size());

        shell(alice, "qmgr:group-resume " + group);

        await().atMost(Duration.ofSeconds(30)).until(() -> GroupStatus.of(info(group).status, 0).isComplete());
        byte[] small = "hello from the qmgr origin\n".getBytes(StandardCharsets.US_ASCII);
        for (String name : List.of("a.txt", "b.txt", "c d.txt", "e.txt")) {
            assertArrayEquals(name, small, Files.readAllBytes(dir.resolve(name)));
        }
        String again = failure(alice, "qmgr:group-resume " + group);
        assertTrue(again, again.startsWith("QM_E_INVALID_STATE: "));

        shell(alice, "qmgr:group-cancel " + group);

        try {
            info(group);
            fail("a cancelled group leaves the queue");
        } catch (QmgrItemNotFoundException expected) {
            // gone
        }
    }

    @Test
    public void suspendStopsARunningTransferAndJobCancelRemovesOneJob() throws Exception {
        Path dir = KarafUsers.downloadDir("alice", "qmgr-shell-suspend");
        UUID group = UUID.fromString(shell(alice, "qmgr:group-create").trim());
        UUID keep = UUID.fromString(shell(alice, "qmgr:job-create " + group).trim());
        UUID drop = UUID.fromString(shell(alice, "qmgr:job-create " + group).trim());
        shell(alice, "qmgr:file-add " + keep + " " + System.getProperty(SLOW) + " " + dir.resolve("slow.bin"));
        shell(alice, "qmgr:file-add " + drop + " " + origin() + "/small.txt " + dir.resolve("small.txt"));

        shell(alice, "qmgr:job-cancel " + drop);
        shell(alice, "qmgr:group-resume " + group);
        await().atMost(Duration.ofSeconds(20)).until(() -> info(group).bytesTransferred > 0);
        shell(alice, "qmgr:group-suspend " + group);

        GroupDTO dto = info(group);
        assertTrue(dto.state, GroupStatus.of(dto.status, dto.jobIndex).isSuspended());
        assertEquals(List.of(keep), dto.jobs.stream().map(j -> j.jobId).toList());
        shell(alice, "qmgr:group-cancel " + group);
    }

    @Test
    public void badArgumentsFailWithOneLineNamingTheValueAndChangeNothing() throws Exception {
        UUID group = UUID.fromString(shell(alice, "qmgr:group-create --name unchanged").trim());
        UUID job = UUID.fromString(shell(alice, "qmgr:job-create " + group).trim());
        Path list = Files.createTempFile("qmgr-bad-list", ".txt");
        Files.write(list, List.of(origin() + "/small.txt /tmp/qmgr-it-never-a.txt", origin() + "/small.txt"));

        assertEquals("E_INVALIDARG: not a GUID: 'nope'", failure(alice, "qmgr:group-info nope"));
        assertTrue(failure(alice, "qmgr:group-set " + group + " COLOUR red").startsWith("unknown group property 'COLOUR'"));
        assertTrue(failure(alice, "qmgr:group-set " + group + " PROGRESSTIME soon").contains("'soon'"));
        assertTrue(failure(alice, "qmgr:group-priority " + group + " urgent").startsWith("unknown priority 'urgent'"));
        String badLine = failure(alice, "qmgr:file-add " + job + " --list " + list);
        assertTrue(badLine, badLine.startsWith("line 2: "));
        String noJob = failure(alice, "qmgr:job-cancel " + UUID.randomUUID());
        assertTrue(noJob, noJob.startsWith("QM_E_ITEM_NOT_FOUND: "));
        String clsid = failure(alice, "qmgr:group-set " + group + " NOTIFYCLSID " + UUID.randomUUID());
        assertTrue(clsid, clsid.startsWith("REGDB_E_CLASSNOTREG"));

        GroupDTO dto = info(group);
        assertEquals("unchanged", dto.displayName);
        assertEquals(BackgroundPriority.NORMAL.name(), dto.backgroundPriority);
        assertTrue(dto.jobs.get(0).files.isEmpty());
        shell(alice, "qmgr:group-cancel " + group);
    }

    @Test
    public void aUserSeesAndChangesOnlyTheirOwnGroupsAndTheAdminSeesAll() throws Exception {
        UUID alices = UUID.fromString(shell(alice, "qmgr:group-create --name alices").trim());
        UUID bobs = UUID.fromString(shell(bob, "qmgr:group-create --name bobs").trim());

        String bobsList = shell(bob, "qmgr:group-list --no-format");
        String denied = failure(bob, "qmgr:group-suspend " + alices);
        String deniedInfo = failure(bob, "qmgr:group-info " + alices);
        String carolsList = shell(carol, "qmgr:group-list --no-format");

        assertTrue(bobsList, bobsList.contains(bobs.toString()));
        assertFalse(bobsList, bobsList.contains(alices.toString()));
        assertTrue(denied, denied.startsWith("E_ACCESSDENIED: "));
        assertTrue(deniedInfo, deniedInfo.startsWith("E_ACCESSDENIED: "));
        assertTrue(carolsList, carolsList.lines().anyMatch(l -> l.contains(alices.toString()) && l.contains("alice")));
        assertTrue(carolsList, carolsList.lines().anyMatch(l -> l.contains(bobs.toString()) && l.contains("bob")));
        assertEquals("alice", info(alices).owner);
        shell(alice, "qmgr:group-cancel " + alices);
        shell(bob, "qmgr:group-cancel " + bobs);
    }

    @Test
    public void tabCompletesOwnGroupIdsJobIdsPropertyNamesAndPriorities() throws Exception {
        UUID group = UUID.fromString(shell(alice, "qmgr:group-create --name completed").trim());
        UUID job = UUID.fromString(shell(alice, "qmgr:job-create " + group).trim());
        String prefix = group.toString().substring(0, 6);

        List<String> alicesIds = complete(alice, "qmgr:group-info " + prefix);
        List<String> bobsIds = complete(bob, "qmgr:group-info " + prefix);
        List<String> jobs = complete(alice, "qmgr:file-list " + job.toString().substring(0, 6));
        List<String> props = complete(alice, "qmgr:group-set " + group + " NOTIFY");
        List<String> priorities = complete(alice, "qmgr:group-priority " + group + " ");

        assertTrue(alicesIds.toString(), alicesIds.stream().anyMatch(c -> c.trim().equals(group.toString())));
        assertFalse("another user's ids are not offered: " + bobsIds,
                bobsIds.stream().anyMatch(c -> c.trim().equals(group.toString())));
        assertTrue(jobs.toString(), jobs.stream().anyMatch(c -> c.trim().equals(job.toString())));
        assertEquals(List.of("NOTIFYCLSID", "NOTIFYFLAGS"), props.stream().map(String::trim).sorted().toList());
        assertEquals(List.of("HIGH", "LOW", "NORMAL"), priorities.stream().map(String::trim).sorted().toList());
        shell(alice, "qmgr:group-cancel " + group);
    }

    @Test
    public void whyNamesTheReasonForTheOwnerAndTheAdminAndRefusesAnotherUser() throws Exception {
        Path dir = KarafUsers.downloadDir("alice", "qmgr-shell-why");
        UUID group = groupOfOneSmallFile("why", dir.resolve("why.txt"));

        String suspended = shell(alice, "qmgr:why " + group).trim();
        String asAdmin = shell(carol, "qmgr:why {" + group + "}").trim();
        String denied = failure(bob, "qmgr:why " + group);
        String badId = failure(alice, "qmgr:why 42");
        shell(alice, "qmgr:group-resume " + group);
        await().atMost(Duration.ofSeconds(30)).until(() -> shell(alice, "qmgr:why " + group).trim()
                .equals("COMPLETE: complete; every file is downloaded"));

        assertEquals("SUSPENDED: suspended; it transfers nothing until resumed", suspended);
        assertEquals(suspended, asAdmin);
        assertEquals("asking why never takes the group over", "alice", info(group).owner);
        assertTrue(denied, denied.startsWith("E_ACCESSDENIED: "));
        assertEquals("E_INVALIDARG: not a GUID: '42'", badId);
        shell(alice, "qmgr:group-cancel " + group);
    }

    @Test
    public void watchWithoutATerminalPrintsPlainLinesUntilTheGroupCompletes() throws Exception {
        Path dir = KarafUsers.downloadDir("alice", "qmgr-shell-watch");
        UUID group = groupOfOneSmallFile("watched", dir.resolve("watched.txt"));
        shell(alice, "qmgr:group-resume " + group);

        String watched = shell(alice, "qmgr:watch --no-format " + group);
        String denied = failure(bob, "qmgr:watch " + group);

        assertTrue(watched, watched.lines().reduce((a, b) -> b).orElse("").contains("COMPLETE"));
        assertFalse("no cursor movement without a terminal: " + watched, watched.contains("\u001b["));
        assertTrue(denied, denied.startsWith("E_ACCESSDENIED: "));
        shell(alice, "qmgr:group-cancel " + group);
    }

    @Test
    public void karafsConfigCommandsChangeTheShippedEngineConfigurationAndQmgrConfigShowsIt() throws Exception {
        // The shipped etc/org.qmgr.engine.cfg pins store.target with a "(...)" value, which made Karaf read the file as
        // typed and these commands fail with a NullPointerException until the file got a plain value too.
        shell(carol, "config:property-set -p org.qmgr.engine maxConcurrentTransfersPerOwner 3");
        try {
            String row = shell(carol, "qmgr:config --no-format org.qmgr.engine").lines()
                    .filter(l -> l.contains("maxConcurrentTransfersPerOwner")).findFirst().orElse("");
            String target = shell(carol, "qmgr:config --no-format org.qmgr.engine").lines()
                    .filter(l -> l.contains("store.target")).findFirst().orElse("");

            assertTrue(row, row.matches(".*maxConcurrentTransfersPerOwner\\s+3\\s+0\\s+set.*"));
            assertTrue(target, target.contains("(qmgr.store.name=jdbc)"));
        } finally {
            shell(carol, "config:property-delete -p org.qmgr.engine maxConcurrentTransfersPerOwner");
        }
    }

    // ---- helpers

    /** @return a new suspended group of alice's, made with the shell: one job, one file of the origin */
    private UUID groupOfOneSmallFile(String name, Path file) throws Exception {
        UUID group = UUID.fromString(shell(alice, "qmgr:group-create --name " + name).trim());
        UUID job = UUID.fromString(shell(alice, "qmgr:job-create " + group).trim());
        shell(alice, "qmgr:file-add " + job + " " + origin() + "/small.txt " + file);
        return group;
    }

    /** A snapshot of the group as the administrator sees it: never moves ownership. */
    private GroupDTO info(UUID group) throws Exception {
        return as(carol, () -> qmgr.getGroupInfo(group));
    }

    /** Runs a command in a new shell session as the subject, as Karaf runs an SSH user's commands. */
    private String shell(Subject subject, String command) throws Exception {
        return as(subject, () -> executeInShell(sessionFactory, command));
    }

    /** @return the message of the command's failure, checked to be one line */
    private String failure(Subject subject, String command) throws Exception {
        try {
            String output = shell(subject, command);
            throw new AssertionError("'" + command + "' succeeded: " + output);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            assertFalse("one line: " + message, message.contains("\n"));
            return message;
        }
    }

    /** @return the candidates Karaf's console offers for Tab at the end of {@code line}, typed by the subject */
    private List<String> complete(Subject subject, String line) throws Exception {
        return as(subject, () -> {
            try (Session session = sessionFactory.create(new java.io.ByteArrayInputStream(new byte[0]),
                    new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                    new java.io.PrintStream(new java.io.ByteArrayOutputStream()))) {
                String[] words = line.split(" ", -1);
                String[] scoped = words[0].split(":");
                org.apache.karaf.shell.api.console.Command command =
                        session.getRegistry().getCommand(scoped[0], scoped[1]);
                List<String> candidates = new java.util.ArrayList<>();
                command.getCompleter(true).complete(session, new TypedLine(line, words), candidates);
                return candidates;
            }
        });
    }

    /** A command line as the console's parser hands it to a completer: the cursor at the end of the last word. */
    private record TypedLine(String buffer, String[] words) implements CommandLine {
        @Override
        public int getCursorArgumentIndex() {
            return words.length - 1;
        }

        @Override
        public String getCursorArgument() {
            return words[words.length - 1];
        }

        @Override
        public int getArgumentPosition() {
            return getCursorArgument().length();
        }

        @Override
        public String[] getArguments() {
            return words;
        }

        @Override
        public int getBufferPosition() {
            return buffer.length();
        }

        @Override
        public String getBuffer() {
            return buffer;
        }
    }
}
