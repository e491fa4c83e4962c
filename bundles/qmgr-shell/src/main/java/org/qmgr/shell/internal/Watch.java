package org.qmgr.shell.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.qmgr.api.QmgrException;
import org.qmgr.api.dto.GroupDTO;

/**
 * Polls groups and shows them on a {@link ProgressDisplay} until every one is finished; the rate of each comes
 * from its successive samples ({@link RateMeter}). A group that can no longer be read was cancelled.
 */
final class Watch {

    /** The states after which a group changes no more: the end of {@code qmgr:watch}. */
    static final Set<String> FINAL = Set.of("COMPLETE", "ERROR", "CANCELLED");

    private final Function<UUID, GroupDTO> source;
    private final ProgressDisplay display;
    private final Duration interval;
    private final LongSupplier nanos;

    Watch(Function<UUID, GroupDTO> source, ProgressDisplay display, Duration interval, LongSupplier nanos) {
        this.source = source;
        this.display = display;
        this.interval = interval;
        this.nanos = nanos;
    }

    /**
     * Shows the groups until {@code finished} holds for all of them; the display is closed however this ends.
     *
     * @return the last snapshot of each group, in the order given
     * @throws InterruptedException when the user stops the command (Ctrl-C)
     */
    List<GroupDTO> until(List<UUID> ids, Predicate<GroupDTO> finished) throws InterruptedException {
        Map<UUID, RateMeter> meters = new HashMap<>();
        Map<UUID, GroupDTO> last = new HashMap<>();
        try (display) {
            while (true) {
                List<ProgressDisplay.Row> rows = new ArrayList<>(ids.size());
                List<GroupDTO> now = new ArrayList<>(ids.size());
                for (UUID id : ids) {
                    GroupDTO g = read(id, last.get(id));
                    last.put(id, g);
                    now.add(g);
                    double rate = meters.computeIfAbsent(id, k -> new RateMeter()).sample(nanos.getAsLong(),
                            g.bytesTransferred);
                    rows.add(new ProgressDisplay.Row(g, rate));
                }
                if (Thread.interrupted()) {
                    // Ctrl-C while reading: the console shows its prompt without waiting for this thread, so a
                    // frame drawn now would land on the prompt's line.
                    throw new InterruptedException();
                }
                display.show(rows);
                if (now.stream().allMatch(finished)) {
                    return now;
                }
                TimeUnit.MILLISECONDS.sleep(interval.toMillis());
            }
        }
    }

    private GroupDTO read(UUID id, GroupDTO previous) {
        try {
            return source.apply(id);
        } catch (QmgrException e) {
            GroupDTO gone = previous != null ? previous : new GroupDTO();
            gone.groupId = id;
            gone.state = "CANCELLED";
            return gone;
        }
    }
}
