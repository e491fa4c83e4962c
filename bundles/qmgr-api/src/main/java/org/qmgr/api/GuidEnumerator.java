package org.qmgr.api;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A cursor over an immutable snapshot of ids (QMGR {@code IEnum…}, spec §2.4). Later queue changes never
 * alter a snapshot: an id it returns may already be gone. Not thread-safe: use one enumerator per thread,
 * or {@link #copy()} it.
 *
 * @param <E> the concrete enumerator type, returned by {@link #copy()}
 */
@ProviderType
public interface GuidEnumerator<E extends GuidEnumerator<E>> {

    /**
     * Returns up to {@code celt} ids from the cursor and advances past them. A result shorter than
     * {@code celt} is the {@code S_FALSE} case of the original.
     *
     * @param celt how many ids to fetch, at least 0
     * @return the fetched ids (possibly empty), never {@code null}
     * @throws QmgrInvalidArgumentException if {@code celt} is negative
     */
    List<UUID> next(int celt);

    /**
     * Advances the cursor by up to {@code celt} positions.
     *
     * @param celt how far to move, at least 0
     * @return {@code true} if the cursor moved the full {@code celt} ({@code S_OK}), {@code false} if it
     *         stopped at the end ({@code S_FALSE})
     * @throws QmgrInvalidArgumentException if {@code celt} is negative
     */
    boolean skip(int celt);

    /** Moves the cursor back to the start. */
    void reset();

    /**
     * A new enumerator over the same snapshot at the same position; the two move independently
     * ({@code Clone}, named {@code copy} to stay clear of {@link Object#clone()}).
     *
     * @return the copy, never {@code null}
     */
    E copy();

    /** @return the number of ids in the snapshot, whatever the cursor position */
    int getCount();

    /**
     * The ids from the cursor to the end; consuming the iterator advances this enumerator.
     *
     * @return an iterator, never {@code null}
     */
    default Iterator<UUID> iterator() {
        return new Iterator<>() {
            private List<UUID> lookahead = GuidEnumerator.this.next(1);

            @Override
            public boolean hasNext() {
                return !lookahead.isEmpty();
            }

            @Override
            public UUID next() {
                if (lookahead.isEmpty()) {
                    throw new NoSuchElementException();
                }
                UUID id = lookahead.get(0);
                lookahead = GuidEnumerator.this.next(1);
                return id;
            }
        };
    }

    /**
     * The ids from the cursor to the end as a sequential stream; consuming it advances this enumerator.
     *
     * @return a stream, never {@code null}
     */
    default Stream<UUID> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
