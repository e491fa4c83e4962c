package org.qmgr.store.jdbc.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.h2.jdbcx.JdbcConnectionPool;
import org.qmgr.spi.store.GroupRecord;

/**
 * The child JVM of {@link H2CommitDurabilityTest}: commits groups one by one, acknowledges each on standard
 * output once {@code write} has returned, then dies like a killed process ({@link Runtime#halt}: no shutdown
 * hooks, no database close) right after the last acknowledgement.
 */
public final class HaltingWriter {

    private HaltingWriter() {
    }

    /**
     * @param args the H2 URL, the {@link CommitDurability}, and how many groups to commit
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        JdbcConnectionPool pool = TestDatabases.h2Pool(args[0]);
        JdbcQueueStore store = new JdbcQueueStore(pool, CommitDurability.valueOf(args[1]));
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            UUID group = UUID.randomUUID();
            store.write(tx -> {
                tx.insertGroup(GroupRecord.create(group, "owner", tx.nextSequence(), 1));
                return null;
            });
            out.println("ACK " + group);
            out.flush();
        }
        Runtime.getRuntime().halt(0);
    }
}
