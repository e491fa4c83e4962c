package org.qmgr.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.Terminal;
import org.junit.jupiter.api.Test;

class TerminalsTest {

    /** @return a fake of {@code type} answering the named no-argument methods from {@code answers} */
    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            Object answer = answers.get(method.getName());
            return answer instanceof IntSupplier s ? s.getAsInt() : answer;
        }));
    }

    private static Session session(Terminal terminal) {
        return fake(Session.class, terminal == null ? Collections.singletonMap("getTerminal", null)
                : Map.of("getTerminal", terminal));
    }

    @Test
    void anXtermMayRedrawAndItsWidthIsReadAtEachAsk() {
        AtomicInteger width = new AtomicInteger(100);
        Session ssh = session(fake(Terminal.class,
                Map.of("isAnsiSupported", true, "getType", "xterm", "getWidth", (IntSupplier) width::get)));

        IntSupplier columns = Terminals.columns(ssh);
        assertThat(Terminals.ansi(ssh, false)).isTrue();
        assertThat(columns.getAsInt()).isEqualTo(100);
        width.set(72);
        assertThat(columns.getAsInt()).isEqualTo(72);
    }

    @Test
    void plainOutputWhenAskedForOnADumbTerminalOrWithoutOne() {
        Session xterm = session(fake(Terminal.class, Map.of("isAnsiSupported", true, "getType", "xterm")));
        Session dumb = session(fake(Terminal.class, Map.of("isAnsiSupported", true, "getType", "dumb")));
        Session exec = session(null); // bin/qmgr, bin/client "cmd": an SSH exec channel has no terminal

        assertThat(Terminals.ansi(xterm, true)).isFalse();
        assertThat(Terminals.ansi(dumb, false)).isFalse();
        assertThat(Terminals.ansi(exec, false)).isFalse();
        assertThat(Terminals.columns(exec).getAsInt()).isZero();
        assertThat(Terminals.ansi(null, false)).isFalse();
    }
}
