package org.qmgr.bench;

/**
 * One row of the results table: one measured step of a scenario on one store (or, for tools compared side by
 * side, one tool).
 *
 * @param scenario the scenario name
 * @param step     the measured step, e.g. {@code enqueue}
 * @param store    the store (or tool) measured, e.g. {@code h2}
 * @param count    how many units the step handled
 * @param unit     what {@code count} counts, e.g. {@code files}, or {@link #BYTES} (shown in MiB)
 * @param seconds  wall-clock seconds of the step
 * @param heapMiB  heap held after the step (forced GC, minus the baseline before it), or NaN if not measured
 * @param peakMiB  heap in use at the step's peak, garbage included, or NaN if not measured
 * @param ratio    this row's rate divided by the best peer tool's rate in the same scenario, or NaN
 * @param notes    free text: breakdowns and counters worth a look
 */
public record Result(String scenario, String step, String store, long count, String unit, double seconds,
                     double heapMiB, double peakMiB, double ratio, String notes) {

    /** The unit of rows that count bytes. */
    public static final String BYTES = "bytes";

    /** A row without a peer ratio. */
    public Result(String scenario, String step, String store, long count, String unit, double seconds,
                  double heapMiB, double peakMiB, String notes) {
        this(scenario, step, store, count, unit, seconds, heapMiB, peakMiB, Double.NaN, notes);
    }

    /** @return units per second */
    public double rate() {
        return seconds > 0 ? count / seconds : Double.NaN;
    }

    /** @return this row with the given peer ratio */
    public Result withRatio(double value) {
        return new Result(scenario, step, store, count, unit, seconds, heapMiB, peakMiB, value, notes);
    }
}
