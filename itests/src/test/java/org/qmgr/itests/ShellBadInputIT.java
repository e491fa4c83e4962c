package org.qmgr.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.qmgr.itests.KarafUsers.as;
import static org.qmgr.itests.KarafUsers.login;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;
import javax.security.auth.Subject;

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
import org.qmgr.api.dto.FileDTO;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.api.dto.JobDTO;

/**
 * Issue 8, bad input through the shell: every qmgr command fed missing arguments, non-GUID and unknown ids,
 * over-long values, control characters, bad URLs and paths (also in a {@code file-add --list} file). Each must
 * fail with exactly one line naming the bad value, and the queue as the administrator sees it must be unchanged.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellBadInputIT extends QmgrTestSupport {

    @Inject
    SessionFactory sessionFactory;

    @Inject
    BackgroundCopyQMgr qmgr;

    private Subject alice;
    private Subject carol;

    @Override
    @Configuration
    public Option[] config() throws Exception {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/users.properties", "alice", "alice-pw,viewer,ssh"),
                editConfigurationFilePut("etc/users.properties", "carol", "carol-pw,admin,manager,viewer,ssh"));
    }

    @Before
    public void awaitCommandsAndLogIn() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> sessionFactory.getRegistry().getCommand("qmgr", "file-add") != null
                && sessionFactory.getRegistry().getCommand("qmgr", "why") != null);
        alice = login("alice", "alice-pw");
        carol = login("carol", "carol-pw");
    }

    @Test
    public void everyCommandRefusesBadInputInOneLineAndChangesNothing() throws Exception {
        UUID group = UUID.fromString(shell(alice, "qmgr:group-create --name unchanged").trim());
        UUID job = UUID.fromString(shell(alice, "qmgr:job-create " + group).trim());
        Path dir = KarafUsers.downloadDir("alice", "qmgr-shell-bad");
        Path elsewhere = Files.createTempDirectory("qmgr-shell-elsewhere");
        shell(alice, "qmgr:file-add " + job + " " + origin() + "/small.txt " + dir.resolve("kept.txt"));
        String unknown = UUID.randomUUID().toString();
        String longText = "x".repeat(1100);

        // command -> a piece of the one-line message that names the bad value
        Map<String, String> cases = new LinkedHashMap<>();
        for (String command : List.of("group-resume", "group-suspend", "group-cancel", "group-foreground",
                "group-info", "job-create", "job-list", "why")) {
            cases.put("qmgr:" + command + " not-a-guid", "not-a-guid");
            cases.put("qmgr:" + command + " " + unknown, unknown.toUpperCase());
            cases.put("qmgr:" + command + " '" + unknown + "\u0001'", "\\u0001");
        }
        for (String command : List.of("group-resume", "group-suspend", "group-cancel", "group-foreground",
                "group-info", "job-create", "job-list", "job-cancel", "file-list", "group-set", "group-priority",
                "file-add")) {
            cases.put("qmgr:" + command, "");
        }
        cases.put("qmgr:job-cancel not-a-guid", "not-a-guid");
        cases.put("qmgr:job-cancel " + unknown, unknown.toUpperCase());
        cases.put("qmgr:file-list not-a-guid", "not-a-guid");
        cases.put("qmgr:file-list " + unknown, unknown.toUpperCase());
        cases.put("qmgr:watch not-a-guid", "not-a-guid");
        cases.put("qmgr:watch " + unknown, unknown.toUpperCase());
        cases.put("qmgr:watch --interval 0 " + group, "0");
        cases.put("qmgr:group-create --name " + "n".repeat(257), "257");
        cases.put("qmgr:group-create --description " + longText, "1100");
        cases.put("qmgr:group-create --priority urgent", "urgent");
        cases.put("qmgr:group-priority " + group + " urgent", "urgent");
        cases.put("qmgr:group-priority " + group, "");
        cases.put("qmgr:group-set " + group + " COLOUR red", "COLOUR");
        cases.put("qmgr:group-set " + group + " DISPLAYNAME", "");
        cases.put("qmgr:group-set " + group + " DISPLAYNAME " + "n".repeat(257), "257");
        cases.put("qmgr:group-set " + group + " DESCRIPTION " + longText, "1100");
        cases.put("qmgr:group-set " + group + " PRIORITY 2", "2");
        cases.put("qmgr:group-set " + group + " PROTOCOLFLAGS GOPHER", "GOPHER");
        cases.put("qmgr:group-set " + group + " NOTIFYFLAGS BOGUS", "BOGUS");
        cases.put("qmgr:group-set " + group + " NOTIFYCLSID not-a-clsid", "not-a-clsid");
        cases.put("qmgr:group-set " + group + " PROGRESSSIZE -1", "-1");
        cases.put("qmgr:group-set " + group + " PROGRESSPERCENT 101", "101");
        cases.put("qmgr:group-set " + group + " PROGRESSTIME soon", "soon");
        cases.put("qmgr:group-set " + group + " LOCALUSERID someone", "LOCALUSERID");
        cases.put("qmgr:group-set " + group + " REMOTEUSERID 'us\u0001er'", "\\u0001");
        cases.put("qmgr:group-set not-a-guid DISPLAYNAME x", "not-a-guid");
        cases.put("qmgr:group-set " + unknown + " DISPLAYNAME x", unknown.toUpperCase());
        String local = dir.resolve("new.txt").toString();
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt", "");
        cases.put("qmgr:file-add " + job + " ftp://127.0.0.1/f " + local, "ftp://127.0.0.1/f");
        cases.put("qmgr:file-add " + job + " http:// " + local, "http://");
        cases.put("qmgr:file-add " + job + " 'http://127.0.0.1/a\u0001b' " + local, "\\u0001");
        cases.put("qmgr:file-add " + job + " " + origin() + "/" + "u".repeat(2300) + " " + local, "2200");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt relative.txt", "relative.txt");
        String home = System.getProperty("karaf.home");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt " + home + "/lib/../etc/evil.cfg",
                "etc/evil.cfg");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt " + home + "/deploy/evil.jar", "evil.jar");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt " + home + "/system/evil.jar", "evil.jar");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt '" + dir + "/a\u0001b'", "\\u0001");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt " + dir.resolve("kept.txt"), "kept.txt");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt " + home + "/etc/evil.cfg", "evil.cfg");
        // a user without the admin role downloads into ${karaf.data}/downloads/<user> only (userLocalRoots)
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt /etc/qmgr-evil.conf", "/etc/qmgr-evil.conf");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt /etc/passwd", "/etc/passwd");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt " + elsewhere.resolve("x.txt"),
                elsewhere.resolve("x.txt").toString());
        Path bobs = KarafUsers.downloadDir("bob", "qmgr-shell-bad");
        cases.put("qmgr:file-add " + job + " " + origin() + "/small.txt " + dir + "/../../bob/" + bobs.getFileName()
                + "/x.txt", "bob/" + bobs.getFileName() + "/x.txt");
        cases.put("qmgr:file-add " + unknown + " " + origin() + "/small.txt " + local, unknown.toUpperCase());
        cases.put("qmgr:file-add not-a-guid " + origin() + "/small.txt " + local, "not-a-guid");
        cases.put("qmgr:file-add " + job + " --list " + dir.resolve("no-such-list.txt"), "no-such-list.txt");
        // list line -> what the one-line message must name
        Map<String, String> lists = new LinkedHashMap<>();
        lists.put(origin() + "/small.txt relative/path.txt", "relative/path.txt");
        lists.put("not-a-url " + dir.resolve("l1.txt"), "not-a-url");
        lists.put("ftp://127.0.0.1/f " + dir.resolve("l2.txt"), "ftp://127.0.0.1/f");
        lists.put(origin() + "/a\u0001b " + dir.resolve("l3.txt"), "\\u0001");
        lists.put(origin() + "/small.txt " + dir.resolve("l4\u0007.txt"), "\\u0007");
        lists.put(origin() + "/small.txt", "line 2");
        lists.put(origin() + "/small.txt " + home + "/etc/../etc/evil.cfg", "evil.cfg");
        int n = 0;
        for (Map.Entry<String, String> line : lists.entrySet()) {
            Path list = dir.resolve("list" + n + ".txt");
            Files.writeString(list, origin() + "/small.txt " + dir.resolve("first" + n + ".txt") + "\n"
                    + line.getKey() + "\n");
            cases.put("qmgr:file-add " + job + " --list " + list, line.getValue());
            n++;
        }
        cases.put("qmgr:get", "");
        cases.put("qmgr:get ftp://127.0.0.1/f " + local, "ftp://127.0.0.1/f");
        cases.put("qmgr:get " + origin() + "/small.txt relative.txt", "relative.txt");
        cases.put("qmgr:get --name " + "n".repeat(257) + " " + origin() + "/small.txt " + local, "257");
        cases.put("qmgr:get --header 'Host: evil' " + origin() + "/small.txt " + local, "Host");
        cases.put("qmgr:why 42", "42");
        cases.put("qmgr:config 'no.such.pid'", "no.such.pid");

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String before = snapshot();
            String message;
            try {
                String output = shell(alice, c.getKey());
                problems.add(printable(c.getKey()) + " succeeded: " + printable(output));
                continue;
            } catch (Exception e) {
                message = String.valueOf(e.getMessage());
            }
            if (message.contains("\n") || message.contains("\r") || message.isBlank()) {
                problems.add(printable(c.getKey()) + " -> not one line: " + printable(message));
            } else if (!message.contains(c.getValue())) {
                problems.add(printable(c.getKey()) + " -> does not name '" + printable(c.getValue()) + "': "
                        + printable(message));
            }
            String after = snapshot();
            if (!after.equals(before)) {
                problems.add(printable(c.getKey()) + " changed the queue:\n" + before + "\n" + after);
            }
        }
        assertTrue(cases.size() + " cases; problems:\n" + String.join("\n", problems), problems.isEmpty());
        assertEquals(1, as(carol, () -> qmgr.getGroupInfo(group)).jobs.get(0).files.size());
    }

    /** Everything the administrator sees, as text (the DTOs have no equals). */
    private String snapshot() throws Exception {
        return as(carol, () -> {
            StringBuilder b = new StringBuilder();
            for (UUID id : qmgr.enumGroups().stream().toList()) {
                GroupDTO g = qmgr.getGroupInfo(id);
                b.append(g.groupId).append(' ').append(g.owner).append(' ').append(g.displayName).append(' ')
                        .append(g.description).append(' ').append(g.customHeaders).append(' ').append(g.status)
                        .append(' ').append(g.state).append(' ').append(g.foreground).append(' ')
                        .append(g.backgroundPriority).append(' ').append(g.modifiedMillis).append('\n');
                for (JobDTO j : g.jobs) {
                    b.append("  ").append(j.jobId).append('\n');
                    for (FileDTO f : j.files) {
                        b.append("    ").append(f.remoteFile).append(" -> ").append(f.localFile).append('\n');
                    }
                }
            }
            return b.toString();
        });
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        cut.codePoints().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return b.toString();
    }

    private String shell(Subject subject, String command) throws Exception {
        return as(subject, () -> executeInShell(sessionFactory, command));
    }
}
