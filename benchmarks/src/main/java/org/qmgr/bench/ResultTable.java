package org.qmgr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders results as one aligned text table, or as CSV. */
public final class ResultTable {

    private static final List<String> COLUMNS = List.of("scenario", "step", "store", "count", "unit", "seconds",
            "rate/s", "x peer", "heap MiB", "peak MiB", "notes");
    /** Columns aligned right (numbers). */
    private static final List<String> NUMERIC = List.of("count", "seconds", "rate/s", "x peer", "heap MiB",
            "peak MiB");
    private static final double MIB = 1024.0 * 1024.0;

    private ResultTable() {
    }

    /** @return the rows under a header line, columns padded to their widest cell */
    public static String text(List<Result> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        results.forEach(r -> rows.add(cells(r)));
        int[] widths = new int[COLUMNS.size()];
        rows.forEach(row -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder b = new StringBuilder();
        for (List<String> row : rows) {
            List<String> padded = new ArrayList<>();
            for (int i = 0; i < widths.length; i++) {
                boolean last = i == widths.length - 1;
                String format = last ? "%s" : NUMERIC.contains(COLUMNS.get(i)) ? "%" + widths[i] + "s" : "%-" + widths[i] + "s";
                padded.add(String.format(format, row.get(i)));
            }
            b.append(String.join("  ", padded).stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /** @return RFC 4180 CSV with a header row; numbers unrounded, byte counts and rates in bytes */
    public static String csv(List<Result> results) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Result r : results) {
            b.append(List.of(r.scenario(), r.step(), r.store(), Long.toString(r.count()), r.unit(),
                    Double.toString(r.seconds()), Double.toString(r.rate()), Double.toString(r.ratio()),
                    Double.toString(r.heapMiB()),
                    Double.toString(r.peakMiB()), r.notes()).stream().map(ResultTable::quote)
                    .collect(Collectors.joining(","))).append("\r\n");
        }
        return b.toString();
    }

    /** Byte rows are shown in MiB and MiB/s. */
    private static List<String> cells(Result r) {
        boolean bytes = Result.BYTES.equals(r.unit());
        return List.of(r.scenario(), r.step(), r.store(), bytes ? fixed(r.count() / MIB, 1) : Long.toString(r.count()),
                bytes ? "MiB" : r.unit(), fixed(r.seconds(), 2), bytes ? fixed(r.rate() / MIB, 1) : fixed(r.rate(), 0),
                fixed(r.ratio(), 2), fixed(r.heapMiB(), 1), fixed(r.peakMiB(), 1), r.notes());
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
