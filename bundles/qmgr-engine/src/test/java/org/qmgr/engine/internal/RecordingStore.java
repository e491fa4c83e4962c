package org.qmgr.engine.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.qmgr.spi.store.FileRecord;
import org.qmgr.spi.store.GroupRecord;
import org.qmgr.spi.store.Lease;
import org.qmgr.spi.store.QueueStore;
import org.qmgr.spi.store.QueueStoreException;
import org.qmgr.spi.store.StoreTransaction;
import org.qmgr.spi.store.StoreWork;

/**
 * A real queue store seen through a recorder: what one node's write transactions did to leases, files and groups
 * once they committed, and which lease calls the store refused, so a test can tell two nodes on one database
 * apart. Reads pass straight through.
 */
final class RecordingStore implements QueueStore {

    /** A recorded call: its name, first argument, result and wall-clock time. */
    record Call(String method, Object argument, Object result, long atMillis) {
    }

    private static final Set<String> RECORDED = Set.of("claim", "renew", "verify", "release", "updateFile",
            "updateGroup");

    private final QueueStore store;
    private final List<Call> committed = new CopyOnWriteArrayList<>();
    private final List<Call> refused = new CopyOnWriteArrayList<>();

    RecordingStore(QueueStore store) {
        this.store = store;
    }

    @Override
    public <T> T read(StoreWork<T> work) {
        return store.read(work);
    }

    @Override
    public <T> T write(StoreWork<T> work) {
        List<Call> calls = new ArrayList<>();
        T result = store.write(tx -> work.run(recording(tx, calls)));
        committed.addAll(calls);
        return result;
    }

    private StoreTransaction recording(StoreTransaction tx, List<Call> calls) {
        return (StoreTransaction) Proxy.newProxyInstance(StoreTransaction.class.getClassLoader(),
                new Class<?>[] {StoreTransaction.class}, (proxy, method, args) -> {
                    Object argument = args == null ? null : args[0];
                    try {
                        Object result = method.invoke(tx, args);
                        if (RECORDED.contains(method.getName())) {
                            calls.add(new Call(method.getName(), argument, result, System.currentTimeMillis()));
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof QueueStoreException q) {
                            refused.add(new Call(method.getName(), argument, q, System.currentTimeMillis()));
                        }
                        throw e.getCause();
                    }
                });
    }

    /** @return the committed calls of one method, in order */
    List<Call> committed(String method) {
        return committed.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** @return the leases the node got from committed claims and renewals, in order */
    List<Lease> leasesHeld() {
        return committed.stream().map(Call::result).map(r -> r instanceof Optional<?> o ? o.orElse(null) : r)
                .filter(Lease.class::isInstance).map(Lease.class::cast).toList();
    }

    /** @return how many claims the store answered "another node holds it" */
    long claimsRefused() {
        return committed("claim").stream().filter(c -> ((Optional<?>) c.result()).isEmpty()).count();
    }

    /** @return the calls the store refused with {@link QueueStoreException.Reason#LEASE_LOST} */
    List<Call> leaseLost() {
        return refused.stream()
                .filter(c -> ((QueueStoreException) c.result()).reason() == QueueStoreException.Reason.LEASE_LOST)
                .toList();
    }

    /** @return the file records committed as completed */
    List<FileRecord> completedFiles() {
        return committed("updateFile").stream().map(c -> (FileRecord) c.argument()).filter(FileRecord::completed)
                .toList();
    }

    /** @return the group records committed */
    List<GroupRecord> groupsWritten() {
        return committed("updateGroup").stream().map(c -> (GroupRecord) c.argument()).toList();
    }
}
