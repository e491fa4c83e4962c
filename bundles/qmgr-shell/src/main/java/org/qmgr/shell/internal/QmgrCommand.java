package org.qmgr.shell.internal;

import java.io.UncheckedIOException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.QmgrException;

/**
 * Base of the {@code qmgr:group-*}, {@code job-*} and {@code file-*} commands: the queue manager (bundle-scoped,
 * so the engine sees the session's JAAS subject as the caller, spec P11) and one-line failures. A
 * {@link QmgrException} becomes {@code NAME: detail} (e.g. {@code QM_E_INVALID_STATE: group {…} is complete}), a
 * bad argument its message naming the bad value; both as a {@link CommandException}: no stack trace on the
 * console, and a non-zero exit status for {@code bin/qmgr}.
 */
abstract class QmgrCommand implements Action {

    @Reference
    BackgroundCopyQMgr qmgr;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
            return null;
        } catch (QmgrException | IllegalArgumentException | UncheckedIOException e) {
            throw new CommandException(Texts.oneLine(e.getMessage()), e);
        }
    }

    /**
     * The command's work. Output goes to {@code System.out}: the one place in qmgr's bundles that writes there, on
     * purpose. Karaf binds {@code System.out} per command to the command's output, which is the session or a
     * pipe ({@code qmgr:group-list | grep alice}); {@code Session.getConsole()} would bypass the pipe. Diagnostics
     * go to SLF4J as everywhere else.
     */
    protected abstract void run() throws Exception;
}
