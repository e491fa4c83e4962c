package org.qmgr.bench;

import java.util.List;

/**
 * A benchmark scenario, selected by its name on the command line. It measures what it measures on each store
 * of its context and returns rows for the one results table. Implementations are registered in
 * {@link Scenarios}.
 */
public interface Scenario {

    /** @return the name, lower case words joined by dashes; the first word is its family (e.g. {@code queue}) */
    String name();

    /** @return one line for {@code list} */
    String description();

    /** @return the options this scenario reads from its context, with defaults */
    List<Param> params();

    /**
     * Checks this scenario's options before any store starts.
     *
     * @param options the command line
     * @throws UsageException naming a bad value
     */
    default void validate(Options options) {
    }

    /**
     * @return whether this scenario downloads: the run then starts the origin (or reads the URL list), finds
     *         the peer tools, and measures on h2 only unless {@code --stores} says otherwise
     */
    default boolean transfers() {
        return false;
    }

    /**
     * Runs the scenario.
     *
     * @param context stores, options, work directory, heap meter and progress output
     * @return the measured rows, in the order to print them
     * @throws BenchmarkException if a figure could not be measured trustworthily
     */
    List<Result> run(RunContext context);
}
