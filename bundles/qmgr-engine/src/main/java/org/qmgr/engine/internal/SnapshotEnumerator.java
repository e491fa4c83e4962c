package org.qmgr.engine.internal;

import java.util.List;
import java.util.UUID;

import org.qmgr.api.GroupEnumerator;
import org.qmgr.api.GuidEnumerator;
import org.qmgr.api.JobEnumerator;
import org.qmgr.api.QmgrInvalidArgumentException;

/** A cursor over an immutable list of ids (spec §2.4). */
abstract class SnapshotEnumerator<E extends GuidEnumerator<E>> implements GuidEnumerator<E> {

    private final List<UUID> ids;
    private int position;

    SnapshotEnumerator(List<UUID> ids, int position) {
        this.ids = List.copyOf(ids);
        this.position = position;
    }

    @Override
    public List<UUID> next(int celt) {
        requireCount(celt);
        int k = Math.min(celt, ids.size() - position);
        List<UUID> fetched = ids.subList(position, position + k);
        position += k;
        return List.copyOf(fetched);
    }

    @Override
    public boolean skip(int celt) {
        requireCount(celt);
        int k = Math.min(celt, ids.size() - position);
        position += k;
        return k == celt;
    }

    @Override
    public void reset() {
        position = 0;
    }

    @Override
    public int getCount() {
        return ids.size();
    }

    List<UUID> ids() {
        return ids;
    }

    int position() {
        return position;
    }

    private static void requireCount(int celt) {
        if (celt < 0) {
            throw new QmgrInvalidArgumentException("count must not be negative: " + celt);
        }
    }

    /** Group ids. */
    static final class Groups extends SnapshotEnumerator<GroupEnumerator> implements GroupEnumerator {
        Groups(List<UUID> ids, int position) {
            super(ids, position);
        }

        @Override
        public GroupEnumerator copy() {
            return new Groups(ids(), position());
        }
    }

    /** Job ids. */
    static final class Jobs extends SnapshotEnumerator<JobEnumerator> implements JobEnumerator {
        Jobs(List<UUID> ids, int position) {
            super(ids, position);
        }

        @Override
        public JobEnumerator copy() {
            return new Jobs(ids(), position());
        }
    }
}
