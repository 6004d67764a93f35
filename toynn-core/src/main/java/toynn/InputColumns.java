package toynn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a raw row ({@code {"sepal": 5.1, "color": "red"}}) into the network's input vector by its input
 * column names, as {@link toynn.data.CsvReader} laid the inputs out: a plain name is one numeric input;
 * names {@code col=value} are the one-hot group of the raw column {@code col} (split at the first
 * {@code =}), one input per category seen in training.
 */
final class InputColumns {
    private InputColumns() {
    }

    /**
     * Checks {@code names} as a network's input column names: one distinct, non-null, non-blank name per
     * input, and no plain name that is also a one-hot group's column (a row could not say which it means).
     */
    static void check(List<String> names, int inputs) {
        if (names.size() != inputs) {
            throw new IllegalArgumentException(names.size() + " input column names for " + inputs
                    + " inputs; expected one name per input");
        }
        Set<String> distinct = new HashSet<>();
        for (String name : names) {                            // (List.of(...).contains(null) would throw)
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("input column names must not be null or blank, got " + names);
            }
            if (!distinct.add(name)) {
                throw new IllegalArgumentException("input column names must be distinct; \"" + name
                        + "\" appears twice in " + names);
            }
        }
        Map<String, List<String>> groups = groups(names);
        for (String name : names) {
            if (column(name) == null && groups.containsKey(name)) {
                throw new IllegalArgumentException("input column \"" + name + "\" is both a numeric column and the "
                        + "one-hot group of " + groups.get(name) + "; a raw row could not say which it means");
            }
        }
    }

    /**
     * The input vector for {@code row}, by {@code names}.
     *
     * @throws IllegalArgumentException on a missing or unknown column, a category not seen in training, or a
     *                                  value that is not a finite number for a numeric column
     */
    static double[] encode(List<String> names, Map<String, ?> row) {
        Objects.requireNonNull(row, "row must not be null; give a map from column name to value");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("this network does not know its input column names (fit it on data with "
                    + "column names, e.g. a CSV with a header, or call setInputColumns); use predict(double[])");
        }
        Map<String, List<String>> groups = groups(names);
        for (String key : row.keySet()) {
            if (key == null || !(groups.containsKey(key) || (column(key) == null && names.contains(key)))) {
                throw new IllegalArgumentException("unknown column \"" + key + "\"; the network's columns are "
                        + rawColumns(names));
            }
        }
        double[] x = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String col = column(name);
            if (col == null) {
                x[i] = number(name, value(row, name, names));
                continue;
            }
            String category = value(row, col, names).toString().trim();    // CsvReader trims its cells too
            if (!groups.get(col).contains(category)) {
                throw new IllegalArgumentException("column \"" + col + "\": \"" + category + "\" was not seen in "
                        + "training; expected one of " + groups.get(col));
            }
            x[i] = name.substring(col.length() + 1).equals(category) ? 1 : 0;
        }
        return x;
    }

    /** The raw column of a one-hot name {@code col=value}, or null for a plain (numeric) name. */
    private static String column(String name) {
        int eq = name.indexOf('=');
        return eq > 0 ? name.substring(0, eq) : null;
    }

    /** Each one-hot group's raw column with its categories, in input order. */
    private static Map<String, List<String>> groups(List<String> names) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String name : names) {
            String col = column(name);
            if (col != null) {
                groups.computeIfAbsent(col, k -> new ArrayList<>()).add(name.substring(col.length() + 1));
            }
        }
        return groups;
    }

    /** The names a row takes: plain names and the one-hot groups' columns, in input order. */
    private static List<String> rawColumns(List<String> names) {
        List<String> raw = new ArrayList<>();
        for (String name : names) {
            String col = column(name);
            String key = col == null ? name : col;
            if (!raw.contains(key)) {
                raw.add(key);
            }
        }
        return raw;
    }

    private static Object value(Map<String, ?> row, String key, List<String> names) {
        Object v = row.get(key);
        if (v == null) {
            throw new IllegalArgumentException("column \"" + key + "\" is " + (row.containsKey(key) ? "null" : "missing")
                    + "; the row needs a value for each of " + rawColumns(names));
        }
        return v;
    }

    private static double number(String column, Object v) {
        double d;
        if (v instanceof Number) {
            d = ((Number) v).doubleValue();
        } else if (v instanceof String) {
            try {
                d = Double.parseDouble(((String) v).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column \"" + column + "\" is numeric; \"" + v + "\" is not a number");
            }
        } else {
            throw new IllegalArgumentException("column \"" + column + "\" is numeric; expected a Number or a numeric "
                    + "String, got " + v.getClass().getSimpleName() + " " + v);
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("column \"" + column + "\" is " + d + "; expected a finite number");
        }
        return d;
    }
}
