package org.qmgr.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what the store asks of the database: connections (one per store
 * transaction), statements prepared and commits. The counts explain a figure (per-call commit cost, the
 * shape of the load query) without a profiler; the overhead is one reflective call per JDBC call counted.
 */
final class CountingDataSource {

    /**
     * Counts at one moment.
     *
     * @param connections connections taken, i.e. store transactions
     * @param statements  statements prepared or created
     * @param commits     commits
     */
    record Counts(long connections, long statements, long commits) {

        /** @return this minus an earlier snapshot */
        Counts minus(Counts earlier) {
            return new Counts(connections - earlier.connections, statements - earlier.statements,
                    commits - earlier.commits);
        }

        @Override
        public String toString() {
            return connections + " tx, " + statements + " statements, " + commits + " commits";
        }
    }

    private final LongAdder connections = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final DataSource counted;

    /** @param target the data source to count calls to */
    CountingDataSource(DataSource target) {
        this.counted = proxy(DataSource.class, target, (t, method, args) -> {
            Object result = invoke(t, method, args);
            if (method.getName().equals("getConnection")) {
                connections.increment();
                return proxy(Connection.class, (Connection) result, this::onConnection);
            }
            return result;
        });
    }

    /** @return the data source to give the store */
    DataSource dataSource() {
        return counted;
    }

    /** @return the counts so far */
    Counts counts() {
        return new Counts(connections.sum(), statements.sum(), commits.sum());
    }

    private Object onConnection(Connection c, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "prepareStatement", "createStatement", "prepareCall" -> statements.increment();
            case "commit" -> commits.increment();
            default -> {
                // not counted
            }
        }
        return invoke(c, method, args);
    }

    /** A call on the real object, seen by a handler. */
    @FunctionalInterface
    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler h = (p, method, args) -> handler.handle(target, method, args);
        return type.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
