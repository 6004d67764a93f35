package toynn.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured protocol row: the task name and its figures in a fixed order, e.g.
 * {@code {"task":"t1","samples_per_s":…,"train_s":…,"test_accuracy":…}}.
 */
public final class BenchResult {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** A result for {@code task} ("t1", "t2", "t3", "t4" or "gemm"). */
    public BenchResult(String task) {
        fields.put("task", task);
    }

    /** Adds a figure (numbers are rounded for printing by the caller's choice of value). */
    public BenchResult put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** The task name. */
    public String task() {
        return (String) fields.get("task");
    }

    /** A figure, or null. */
    public Object get(String key) {
        return fields.get(key);
    }

    /** The figures in insertion order (live view, for JSON). */
    public Map<String, Object> fields() {
        return fields;
    }

    /** Rounds {@code v} to {@code digits} decimals (for readable JSON). */
    public static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
