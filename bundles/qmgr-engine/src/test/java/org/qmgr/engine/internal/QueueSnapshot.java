package org.qmgr.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.dto.FileDTO;
import org.qmgr.api.dto.GroupDTO;
import org.qmgr.api.dto.JobDTO;

/**
 * A canonical text of everything an administrator sees of the queue: the enumerated group ids in order and
 * every field of each group's {@link GroupDTO}, its jobs and files. The DTOs have no {@code equals}, so two
 * snapshots are compared as text; a difference then shows as a readable diff in the failure.
 */
final class QueueSnapshot {

    private QueueSnapshot() {
    }

    static String of(BackgroundCopyQMgr admin) {
        List<UUID> ids = new ArrayList<>();
        admin.enumGroups().iterator().forEachRemaining(ids::add);
        StringBuilder b = new StringBuilder("groups ").append(ids).append('\n');
        for (UUID id : ids) {
            append(b, admin.getGroupInfo(id));
        }
        return b.toString();
    }

    static void append(StringBuilder b, GroupDTO g) {
        b.append("group ").append(g.groupId).append(" owner=").append(g.owner)
                .append(" name=").append(quoted(g.displayName)).append(" description=").append(quoted(g.description))
                .append(" headers=").append(headers(g.customHeaders)).append(" status=0x")
                .append(Integer.toHexString(g.status)).append(" state=").append(g.state)
                .append(" foreground=").append(g.foreground).append(" priority=").append(g.backgroundPriority)
                .append(" size=").append(g.size).append(" done=").append(g.bytesTransferred)
                .append(" percent=").append(g.percent).append(" jobIndex=").append(g.jobIndex)
                .append(" win32=").append(g.win32Result).append(" transport=").append(g.transportResult)
                .append(" retries=").append(g.retries).append(" error=").append(quoted(g.errorDescription))
                .append(" created=").append(g.createdMillis).append(" modified=").append(g.modifiedMillis)
                .append('\n');
        for (JobDTO j : g.jobs) {
            b.append("  job ").append(j.jobId).append('\n');
            for (FileDTO f : j.files) {
                b.append("    file ").append(f.index).append(' ').append(quoted(f.remoteFile)).append(" -> ")
                        .append(quoted(f.localFile)).append(" hint=").append(f.sizeHint).append(" total=")
                        .append(f.totalBytes).append(" done=").append(f.bytesTransferred).append(" completed=")
                        .append(f.completed).append(" expected=").append(f.expectedSha256).append(" sha256=")
                        .append(f.sha256).append('\n');
            }
        }
    }

    private static String headers(Map<String, String> headers) {
        StringBuilder b = new StringBuilder("{");
        headers.forEach((k, v) -> b.append(quoted(k)).append(':').append(quoted(v)).append(';'));
        return b.append('}').toString();
    }

    private static String quoted(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '"' || c == '\\') {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
