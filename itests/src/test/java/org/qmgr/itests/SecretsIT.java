package org.qmgr.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.qmgr.itests.KarafUsers.as;
import static org.qmgr.itests.KarafUsers.login;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupProp;
import org.qmgr.api.Variant;
import org.qmgr.api.dto.GroupDTO;

/**
 * Issue 8, secrets (spec P4) in the shipped Karaf with {@code org.qmgr} logging at TRACE: a password made up
 * here (long, unique) is set through the API ({@code GROUPPROP_REMOTEUSERPWD}, {@code setRemoteCredentials}) and
 * the shell ({@code qmgr:group-set ... REMOTEUSERPWD}); groups run against an origin that challenges (right and
 * wrong password), fails with 500 and redirects; bad input carries it too. Then the password, and its Basic
 * encoding, are searched for in Karaf's log files, the output of every shell command run, the properties of
 * every {@code org/qmgr/*} event, the API's objects and DTOs, and every exception message: not found.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecretsIT extends QmgrTestSupport {

    private static final String AUTH = "qmgr.it.auth";

    @Inject
    SessionFactory sessionFactory;

    @Inject
    BackgroundCopyQMgr qmgr;

    @Inject
    BundleContext context;

    /** What was looked at: where it came from, and the text. */
    private final List<Map.Entry<String, String>> seen = new CopyOnWriteArrayList<>();

    /** Runs in the driver JVM: the origin, a user, and the engine's loggers at TRACE. */
    @Override
    @Configuration
    public Option[] config() throws Exception {
        AuthOrigin origin = new AuthOrigin();
        Runtime.getRuntime().addShutdownHook(new Thread(origin::close, "auth-origin-stop"));
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/users.properties", "alice", "alice-pw,viewer,ssh"),
                editConfigurationFilePut("etc/system.properties", AUTH, origin.url()),
                editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.qmgrsecrets.name", "org.qmgr"),
                editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.qmgrsecrets.level", "TRACE"));
    }

    @Test
    public void thePasswordIsNowhereToBeFound() throws Exception {
        String secret = "pw-" + UUID.randomUUID() + "-" + UUID.randomUUID() + AuthOrigin.RIGHT;
        String wrong = "pw-" + UUID.randomUUID() + "-wrong";
        String url = System.getProperty(AUTH);
        Path dir = KarafUsers.downloadDir("alice", "secrets-it");
        Subject alice = login("alice", "alice-pw");
        await().atMost(Duration.ofSeconds(60)).until(() -> sessionFactory.getRegistry().getCommand("qmgr", "group-set") != null);
        ServiceRegistration<EventHandler> events = subscribe();
        try {
            List<BackgroundCopyGroup> groups = new ArrayList<>();
            BackgroundCopyGroup viaProp = as(alice, () -> group(url + "/auth", dir));
            as(alice, () -> {
                viaProp.setProp(GroupProp.REMOTEUSERID, Variant.bstr(AuthOrigin.USER));
                viaProp.setProp(GroupProp.REMOTEUSERPWD, Variant.bstr(secret));
                return null;
            });
            BackgroundCopyGroup redirected = as(alice, () -> group(url + "/redirect", dir));
            BackgroundCopyGroup wrongOne = as(alice, () -> group(url + "/auth", dir));
            BackgroundCopyGroup erring = as(alice, () -> group(url + "/error", dir));
            as(alice, () -> {
                redirected.setRemoteCredentials(AuthOrigin.USER, secret);
                wrongOne.setRemoteCredentials(AuthOrigin.USER, wrong);
                erring.setRemoteCredentials(AuthOrigin.USER, secret);
                return null;
            });
            groups.addAll(List.of(viaProp, redirected, wrongOne, erring));

            // the same through the shell
            UUID shellGroup = UUID.fromString(shell(alice, "qmgr:group-create --name secrets").trim());
            String job = shell(alice, "qmgr:job-create " + shellGroup).trim();
            shell(alice, "qmgr:file-add " + job + " " + url + "/auth " + dir.resolve("shell.bin"));
            shell(alice, "qmgr:group-set " + shellGroup + " REMOTEUSERID " + AuthOrigin.USER);
            shell(alice, "qmgr:group-set " + shellGroup + " REMOTEUSERPWD " + secret);
            groups.add(as(alice, () -> qmgr.getGroup(shellGroup)));

            as(alice, () -> {
                groups.forEach(BackgroundCopyGroup::resume);
                return null;
            });
            BackgroundCopyGroup viaShell = as(alice, () -> qmgr.getGroup(shellGroup));
            awaitStatus(alice, viaProp, 0x140);
            awaitStatus(alice, redirected, 0x140);
            awaitStatus(alice, viaShell, 0x140);
            awaitStatus(alice, wrongOne, 0x380);
            // a 500 is transient: the group waits to retry, the reason names the status
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTrue(state(alice, erring),
                    state(alice, erring).contains("HTTP 500")));
            assertEquals(401, (int) as(alice, () -> wrongOne.getInfo().transportResult));
            shell(alice, "qmgr:watch --no-format " + shellGroup);

            // every read-only command, as the owner
            for (UUID id : as(alice, () -> groups.stream().map(BackgroundCopyGroup::getGroupId).toList())) {
                shell(alice, "qmgr:group-info --no-format " + id);
                shell(alice, "qmgr:group-info " + id);
                shell(alice, "qmgr:why " + id);
                shell(alice, "qmgr:job-list " + id);
            }
            shell(alice, "qmgr:group-list --no-format");
            shell(alice, "qmgr:group-list");
            shell(alice, "qmgr:groups --no-format");
            shell(alice, "qmgr:config --no-format");
            shell(alice, "qmgr:listeners --no-format");
            // commands that fail with the secret on their line: the message must not repeat it
            failure(alice, "qmgr:group-set " + UUID.randomUUID() + " REMOTEUSERPWD " + secret);
            failure(alice, "qmgr:group-set " + shellGroup + " NOSUCHPROP " + secret);
            failure(alice, "qmgr:group-set " + shellGroup + " REMOTEUSERPWD " + secret + "x".repeat(70_000));
            // and through the API
            as(alice, () -> {
                exception(() -> viaProp.setCustomHeaders(Map.of("Authorization", "Basic " + basic(secret))));
                exception(() -> viaProp.setProp(GroupProp.REMOTEUSERPWD, Variant.bstr(secret + "x".repeat(70_000))));
                exception(() -> viaProp.setRemoteCredentials(AuthOrigin.USER, secret + "x".repeat(70_000)));
                exception(() -> qmgr.getGroup(UUID.randomUUID()).setRemoteCredentials(AuthOrigin.USER, secret));
                for (BackgroundCopyGroup g : groups) {
                    look("toString", g.toString());
                    look("getProp", String.valueOf(g.getProp(GroupProp.REMOTEUSERPWD)));
                    look("DTO", describe(g.getInfo()));
                    look("why", String.valueOf(g.why()));
                }
                return null;
            });
            // the events of every group have arrived (Event Admin delivers asynchronously)
            List<String> ids = groups.stream().map(g -> g.getGroupId().toString()).toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id ->
                    seen.stream().anyMatch(e -> e.getKey().startsWith("event") && e.getValue().contains(id))));
        } finally {
            events.unregister();
        }
        List<String> log = logLines();
        assertTrue("org.qmgr logs at DEBUG or TRACE in this test",
                log.stream().anyMatch(l -> l.contains("DEBUG") || l.contains("TRACE")));
        log.forEach(l -> look("karaf.log", l));

        // the search sees what it should: the user name (not secret) is shown by group-info
        assertTrue("group-info shows the user name", seen.stream().anyMatch(e -> e.getKey().equals("shell qmgr:group-info")
                && e.getValue().contains(AuthOrigin.USER)));
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> e : seen) {
            for (String s : List.of(secret, basic(secret), wrong, basic(wrong))) {
                if (e.getValue().contains(s)) {
                    // name the place, not the text: the assertion message must not echo the secret either
                    leaks.add(e.getKey());
                }
            }
        }
        assertTrue("the password was found in: " + leaks, leaks.isEmpty());
        assertTrue("things were looked at: " + seen.size(), seen.size() > 50);
    }

    private static void awaitStatus(Subject subject, BackgroundCopyGroup group, int status) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(state(subject, group), status,
                (int) as(subject, () -> group.getStatus().raw())));
    }

    /** The group's state for a failure message: status, results, error text (which the test checks too). */
    private static String state(Subject subject, BackgroundCopyGroup group) throws Exception {
        return as(subject, () -> {
            GroupDTO d = group.getInfo();
            return d.state + " 0x" + Integer.toHexString(d.status) + " win32 " + d.win32Result + " http "
                    + d.transportResult + " retries " + d.retries + ": " + d.errorDescription;
        });
    }

    private BackgroundCopyGroup group(String url, Path dir) {
        BackgroundCopyGroup group = qmgr.createGroup(UUID.randomUUID());
        group.createJob(UUID.randomUUID()).addFile(url, dir.resolve(UUID.randomUUID() + ".bin").toString());
        return group;
    }

    private ServiceRegistration<EventHandler> subscribe() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, new String[] {"org/qmgr/*"});
        return context.registerService(EventHandler.class, (Event event) -> {
            StringBuilder b = new StringBuilder(event.getTopic());
            for (String name : event.getPropertyNames()) {
                b.append(' ').append(name).append('=').append(event.getProperty(name));
            }
            look("event " + event.getTopic(), b.toString());
        }, props);
    }

    private void look(String where, String text) {
        seen.add(Map.entry(where, String.valueOf(text)));
    }

    private String shell(Subject subject, String command) throws Exception {
        String out = as(subject, () -> executeInShell(sessionFactory, command));
        look("shell " + command.split(" ")[0], out);
        return out;
    }

    private void failure(Subject subject, String command) throws Exception {
        try {
            String out = shell(subject, command);
            look("shell failure " + command.split(" ")[0], out);
        } catch (Exception e) {
            exceptionText("shell failure " + command.split(" ")[0], e);
        }
    }

    private void exception(Runnable call) {
        try {
            call.run();
            throw new AssertionError("the call succeeded");
        } catch (RuntimeException e) {
            exceptionText("exception", e);
        }
    }

    private void exceptionText(String where, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            look(where, t.toString());
            for (Throwable s : t.getSuppressed()) {
                look(where, s.toString());
            }
        }
    }

    private static String basic(String password) {
        return Base64.getEncoder().encodeToString((AuthOrigin.USER + ":" + password).getBytes(UTF_8));
    }

    /** Every public field of a DTO, and of its jobs and files, as text. */
    private static String describe(Object dto) {
        StringBuilder b = new StringBuilder();
        for (Field f : dto.getClass().getFields()) {
            try {
                Object v = f.get(dto);
                b.append(f.getName()).append('=');
                if (v instanceof List<?> list) {
                    list.forEach(e -> b.append('[').append(describe(e)).append(']'));
                } else {
                    b.append(v);
                }
                b.append(' ');
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return b.toString();
    }

    private static List<String> logLines() throws IOException {
        Path logDir = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data") + "/log"));
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(logDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                lines.addAll(Files.readAllLines(f, UTF_8));
            }
        }
        return lines;
    }
}
