package toynn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
        Map<String, List<String>> layout = layout(names);
        for (String key : row.keySet()) {
            if (key == null || !layout.containsKey(key)) {
                throw new IllegalArgumentException("unknown column \"" + key + "\"; the network's columns are "
                        + layout.keySet());
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
            if (!layout.get(col).contains(category)) {
                throw new IllegalArgumentException("column \"" + col + "\": \"" + category + "\" was not seen in "
                        + "training; expected one of " + layout.get(col));
            }
            x[i] = name.substring(col.length() + 1).equals(category) ? 1 : 0;
        }
        return x;
    }

    /**
     * The input column names an {@code addData(Map, ...)} example fixes: its keys, sorted by
     * {@link String#compareTo} — not the map's own order, which a {@code HashMap} does not keep — so that
     * the same keys give the same input order whatever map the sketch uses.
     *
     * @throws IllegalArgumentException for an empty map, or a null, blank or one-hot-looking ({@code col=value}) key
     */
    static List<String> exampleNames(Map<String, ?> example) {
        Objects.requireNonNull(example, "the example must not be null; give a map from input name to number");
        if (example.isEmpty()) {
            throw new IllegalArgumentException("the example has no inputs; give a map from input name to number, "
                    + "e.g. {r: 255, g: 0, b: 0}");
        }
        Set<String> sorted = new TreeSet<>();
        for (String key : example.keySet()) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("input names must not be null or blank, got "
                        + (key == null ? "null" : "\"" + key + "\"") + " in " + example.keySet());
            }
            if (column(key) != null) {     // predict(Map) would read it as a one-hot group and want {col: value}
                throw new IllegalArgumentException("input name \"" + key + "\" has '=', which input column names keep "
                        + "for one-hot groups (col=value); name a numeric input without '='");
            }
            sorted.add(key);
        }
        return List.copyOf(sorted);
    }

    /**
     * The input vector of an {@code addData(Map, ...)} example, by {@code names}: exactly those keys, each a
     * finite {@link Number} (a category as text is refused: the categories of a one-hot group are not known
     * while examples come one at a time).
     *
     * @throws IllegalArgumentException naming the missing and extra keys, or a value that is not a finite number
     */
    static double[] exampleInputs(List<String> names, Map<String, ?> example) {
        Objects.requireNonNull(example, "the example must not be null; give a map from input name to number");
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!example.containsKey(name)) {
                missing.add(name);
            }
        }
        List<String> extra = new ArrayList<>();
        for (String key : example.keySet()) {
            if (key == null || !names.contains(key)) {
                extra.add(key);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException("every example must have the inputs " + names
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; extra " + extra));
        }
        double[] x = new double[names.size()];
        for (int i = 0; i < x.length; i++) {
            String name = names.get(i);
            Object v = example.get(name);
            if (!(v instanceof Number)) {
                throw new IllegalArgumentException("input \"" + name + "\" must be a number, got " + (v == null ? "null"
                        : v.getClass().getSimpleName() + " " + (v instanceof String ? "\"" + v + "\"" : v))
                        + (v instanceof String ? "; addData(Map, ...) takes numbers only (one-hot a category into "
                        + "numeric inputs yourself)" : ""));
            }
            x[i] = ((Number) v).doubleValue();
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("input \"" + name + "\" is " + x[i] + "; expected a finite number");
            }
        }
        return x;
    }

    /** The raw column of a one-hot name {@code col=value}, or null for a plain (numeric) name. */
    static String column(String name) {
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

    /**
     * The raw columns a row takes, in input order: each plain (numeric) name with an empty list, each one-hot
     * group's column with its categories.
     */
    static Map<String, List<String>> layout(List<String> names) {
        Map<String, List<String>> layout = new LinkedHashMap<>();
        for (String name : names) {
            String col = column(name);
            if (col == null) {
                layout.put(name, List.of());
            } else {
                layout.computeIfAbsent(col, k -> new ArrayList<>()).add(name.substring(col.length() + 1));
            }
        }
        return layout;
    }

    private static Object value(Map<String, ?> row, String key, List<String> names) {
        Object v = row.get(key);
        if (v == null) {
            throw new IllegalArgumentException("column \"" + key + "\" is " + (row.containsKey(key) ? "null" : "missing")
                    + "; the row needs a value for each of " + layout(names).keySet());
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
