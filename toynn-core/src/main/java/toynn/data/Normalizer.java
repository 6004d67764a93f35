package toynn.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import toynn.DataSet;
import toynn.io.JsonFields;
import toynn.io.ModelFormatException;

/**
 * Scales each column of a matrix by an affine map fitted on training data, and back:
 * <ul>
 *   <li>{@link Method#MIN_MAX}: {@code y = (x − min) / (max − min)}, so training values land in [0, 1]
 *       (what ml5.js's {@code normalizeData()} does);</li>
 *   <li>{@link Method#Z_SCORE}: {@code y = (x − mean) / std} (population standard deviation), so
 *       training values have mean 0 and standard deviation 1.</li>
 * </ul>
 * A constant column (max = min, or std = 0) is only shifted: {@code y = x − min} or {@code x − mean}; so is
 * a column whose range or std is below {@link Double#MIN_NORMAL} (subnormal, like {@code 1e-320}), whose
 * reciprocal would be infinite and make every normalized value infinite or NaN.
 * {@link #denormalize} is the exact inverse map. Fit on the training set only — statistics of the
 * test set would leak into the model — and give the normalizer to the network
 * ({@code nn.setInputNormalizer}), which then applies it to raw inputs in {@code predict} and saves it
 * in the model file. The arithmetic is in double, one float32 rounding at the end.
 */
public final class Normalizer {
    /** How a column is scaled. */
    public enum Method {
        /** {@code (x − min) / (max − min)}: training values in [0, 1]. */
        MIN_MAX("min-max"),
        /** {@code (x − mean) / std}: training values with mean 0, standard deviation 1. */
        Z_SCORE("z-score");

        private final String jsonName;

        Method(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name in model files and on the command line: {@code min-max} or {@code z-score}. */
        public String jsonName() {
            return jsonName;
        }

        /** The method named {@code min-max}/{@code minmax} or {@code z-score}/{@code zscore}/{@code standard} (any case, {@code _} or {@code -}). */
        public static Method byName(String name) {
            String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            switch (key) {
                case "minmax":
                    return MIN_MAX;
                case "zscore":
                case "standard":
                    return Z_SCORE;
                default:
                    throw new IllegalArgumentException("unknown normalization '" + name + "'; expected min-max or z-score");
            }
        }
    }

    private final Method method;
    private final double[] first;    // min or mean, per column
    private final double[] second;   // max or std, per column
    private final double[] shift;    // y = (x − shift) · scale
    private final double[] scale;

    private Normalizer(Method method, double[] first, double[] second) {
        this.method = method;
        this.first = first;
        this.second = second;
        int n = first.length;
        this.shift = first.clone();
        this.scale = new double[n];
        for (int c = 0; c < n; c++) {
            double range = method == Method.MIN_MAX ? second[c] - first[c] : second[c];
            scale[c] = range >= Double.MIN_NORMAL ? 1 / range : 1;   // subnormal: 1 / range may be infinite
        }
    }

    /**
     * A min-max normalizer with the given column minima and maxima. A column with max = min, or
     * max − min below {@link Double#MIN_NORMAL}, is treated as constant: only shifted.
     *
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, max &lt; min, or
     *                                  max − min overflows
     */
    public static Normalizer minMax(double[] min, double[] max) {
        check(min, max, "min", "max");
        for (int c = 0; c < min.length; c++) {
            if (max[c] < min[c]) {
                throw new IllegalArgumentException("column " + c + ": max " + max[c] + " is below min " + min[c]);
            }
            if (!Double.isFinite(max[c] - min[c])) {              // 1 / ∞ would map every value to 0
                throw new IllegalArgumentException("column " + c + ": the range max − min from " + min[c] + " to " + max[c]
                        + " overflows a double; expected a range below " + Double.MAX_VALUE);
            }
        }
        return new Normalizer(Method.MIN_MAX, min.clone(), max.clone());
    }

    /**
     * A z-score normalizer with the given column means and standard deviations. A column with std 0,
     * or below {@link Double#MIN_NORMAL}, is treated as constant: only shifted.
     *
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, or a std is negative
     */
    public static Normalizer zScore(double[] mean, double[] std) {
        check(mean, std, "mean", "std");
        for (int c = 0; c < std.length; c++) {
            if (std[c] < 0) {
                throw new IllegalArgumentException("column " + c + ": std " + std[c] + " is negative");
            }
        }
        return new Normalizer(Method.Z_SCORE, mean.clone(), std.clone());
    }

    private static void check(double[] a, double[] b, String an, String bn) {
        Objects.requireNonNull(a, an + " must not be null");
        Objects.requireNonNull(b, bn + " must not be null");
        if (a.length == 0 || a.length != b.length) {
            throw new IllegalArgumentException(an + " has " + a.length + " values and " + bn + " " + b.length
                    + "; expected the same number, at least one");
        }
        for (int c = 0; c < a.length; c++) {
            if (!Double.isFinite(a[c]) || !Double.isFinite(b[c])) {
                throw new IllegalArgumentException("column " + c + ": " + an + " " + a[c] + ", " + bn + " " + b[c]
                        + "; expected finite numbers");
            }
        }
    }

    /**
     * Fits {@code method} to the columns of {@code data}, {@code (rows, cols)} row-major (not modified).
     *
     * @throws IllegalArgumentException when the shape does not fit the array
     */
    public static Normalizer fit(Method method, float[] data, int rows, int cols) {
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(data, "data must not be null");
        if (rows <= 0 || cols <= 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("cannot fit a normalizer to " + data.length + " values as " + rows + "×"
                    + cols + "; expected rows × cols values, at least one row");
        }
        double[] a = new double[cols];
        double[] b = new double[cols];
        if (method == Method.MIN_MAX) {
            Arrays.fill(a, Double.POSITIVE_INFINITY);
            Arrays.fill(b, Double.NEGATIVE_INFINITY);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double v = data[r * cols + c];
                    a[c] = Math.min(a[c], v);
                    b[c] = Math.max(b[c], v);
                }
            }
            return minMax(a, b);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                a[c] += data[r * cols + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            a[c] /= rows;                                         // mean
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d = data[r * cols + c] - a[c];
                b[c] += d * d;
            }
        }
        for (int c = 0; c < cols; c++) {
            b[c] = Math.sqrt(b[c] / rows);                        // population std
        }
        return zScore(a, b);
    }

    /** Fits {@code method} to the inputs of {@code train}. */
    public static Normalizer fitInputs(Method method, DataSet train) {
        Objects.requireNonNull(train, "data must not be null");
        return fit(method, train.inputs(), train.size(), train.inputSize());
    }

    /** Fits {@code method} to the targets of {@code train} (for regression). */
    public static Normalizer fitTargets(Method method, DataSet train) {
        Objects.requireNonNull(train, "data must not be null");
        return fit(method, train.targets(), train.size(), train.targetSize());
    }

    /** The method. */
    public Method method() {
        return method;
    }

    /** The number of columns. */
    public int size() {
        return first.length;
    }

    /** Column minima (min-max) or means (z-score); a copy. */
    public double[] offsets() {
        return first.clone();
    }

    /** Column maxima (min-max) or standard deviations (z-score); a copy. */
    public double[] spreads() {
        return second.clone();
    }

    /** Column {@code c}'s range {@code max − min} (min-max) or standard deviation (z-score): what it divides by. */
    public double spread(int c) {
        return method == Method.MIN_MAX ? second[c] - first[c] : second[c];
    }

    // ---------------------------------------------------------------- applying

    /**
     * {@code dst = normalize(src)} for {@code rows} rows of {@link #size()} columns; {@code dst} may be {@code src}.
     *
     * @throws IllegalArgumentException when an array is shorter than {@code rows × size()}, or a finite value
     *                                  normalizes beyond the float32 range (a column whose range or std is
     *                                  tiny, like {@code 1e-300}, scales ordinary values to infinity)
     */
    public void normalize(float[] src, float[] dst, int rows) {
        normalize(src, dst, rows, "");
    }

    /** {@link #normalize(float[], float[], int)}; {@code what} ("input ", "target " or "") prefixes the column in messages. */
    private void normalize(float[] src, float[] dst, int rows, String what) {
        checkArrays(src, dst, rows);
        int n = first.length;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < n; c++) {
                int i = r * n + c;
                float y = (float) ((src[i] - shift[c]) * scale[c]);    // y = (x − shift) · scale
                if (Float.isInfinite(y) && Float.isFinite(src[i])) {   // the network would run on ±∞
                    throw beyondFloat32(what, rows == 1 ? -1 : r, c, src[i], y);
                }
                dst[i] = y;
            }
        }
    }

    private IllegalArgumentException beyondFloat32(String what, int row, int c, float x, float y) {
        String spread = (method == Method.MIN_MAX ? "range max − min " : "std ") + spread(c);
        return new IllegalArgumentException((row < 0 ? "" : "row " + row + ", ") + what + "column " + c + ": the value " + x
                + " normalizes to " + y + ": this " + method.jsonName() + " normalizer (" + spread + ") maps it beyond the float32"
                + " range (±" + Float.MAX_VALUE + "); expected a normalizer fitted on data that varies in this column");
    }

    /** {@code dst = denormalize(src)}, the inverse of {@link #normalize(float[], float[], int)}; {@code dst} may be {@code src}. */
    public void denormalize(float[] src, float[] dst, int rows) {
        checkArrays(src, dst, rows);
        int n = first.length;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < n; c++) {
                int i = r * n + c;
                dst[i] = (float) (src[i] / scale[c] + shift[c]);        // x = y / scale + shift
            }
        }
    }

    /** One row, normalized into a new array. */
    public double[] normalize(double[] row) {
        checkRow(row);
        double[] out = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = (row[c] - shift[c]) * scale[c];
        }
        return out;
    }

    /** One row, mapped back to original units into a new array. */
    public double[] denormalize(double[] row) {
        checkRow(row);
        double[] out = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = row[c] / scale[c] + shift[c];
        }
        return out;
    }

    /**
     * A copy of {@code data} with normalized inputs (targets, names and image shape shared).
     *
     * @throws IllegalArgumentException when the column counts differ, or a value normalizes beyond float32
     */
    public DataSet normalizeInputs(DataSet data) {
        Objects.requireNonNull(data, "data must not be null");
        checkColumns(data.inputSize(), "inputs");
        float[] x = new float[data.inputs().length];
        normalize(data.inputs(), x, data.size(), "input ");
        return rebuild(data, x, data.targets());
    }

    /**
     * A copy of {@code data} with normalized targets (inputs, names and image shape shared).
     *
     * @throws IllegalArgumentException when the column counts differ, or a value normalizes beyond float32
     */
    public DataSet normalizeTargets(DataSet data) {
        Objects.requireNonNull(data, "data must not be null");
        checkColumns(data.targetSize(), "targets");
        float[] t = new float[data.targets().length];
        normalize(data.targets(), t, data.size(), "target ");
        return rebuild(data, data.inputs(), t);
    }

    private static DataSet rebuild(DataSet d, float[] x, float[] t) {
        DataSet out = DataSet.of(x, t, d.size(), d.inputSize(), d.targetSize(), d.classNames(), d.columnNames());
        return d.isImage() ? out.withImageShape(d.imageWidth(), d.imageHeight()) : out;
    }

    private void checkColumns(int columns, String what) {
        if (columns != first.length) {
            throw new IllegalArgumentException("the data has " + columns + " " + what + " per example but this normalizer was fitted to "
                    + first.length + " columns");
        }
    }

    private void checkRow(double[] row) {
        Objects.requireNonNull(row, "row must not be null");
        if (row.length != first.length) {
            throw new IllegalArgumentException("row has " + row.length + " values; this normalizer has " + first.length
                    + " columns");
        }
    }

    private void checkArrays(float[] src, float[] dst, int rows) {
        Objects.requireNonNull(src, "src must not be null");
        Objects.requireNonNull(dst, "dst must not be null");
        long need = (long) rows * first.length;
        if (rows < 0 || src.length < need || dst.length < need) {
            throw new IllegalArgumentException(rows + " rows of " + first.length + " columns need " + need
                    + " values; src has " + src.length + ", dst " + dst.length);
        }
    }

    // ---------------------------------------------------------------- JSON

    /**
     * This normalizer as JSON: {@code {"method": "min-max", "min": [...], "max": [...]}} or
     * {@code {"method": "z-score", "mean": [...], "std": [...]}}. Doubles are written exactly
     * (shortest round-trip form), so a loaded normalizer maps every value the same.
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("method", method.jsonName());
        o.add(method == Method.MIN_MAX ? "min" : "mean", array(first));
        o.add(method == Method.MIN_MAX ? "max" : "std", array(second));
        return o;
    }

    private static JsonArray array(double[] v) {
        JsonArray a = new JsonArray(v.length);
        for (double d : v) {
            a.add(d);
        }
        return a;
    }

    /**
     * Reads JSON written by {@link #toJson()}.
     *
     * @param where the field's path, for messages (e.g. {@code model.normalization.inputs})
     * @throws ModelFormatException naming the field that is wrong and what was expected
     */
    public static Normalizer fromJson(JsonObject o, String where) {
        if (o == null) {
            throw new ModelFormatException(where + ": no normalizer (null); expected an object such as "
                    + "{\"method\": \"min-max\", \"min\": [...], \"max\": [...]}, as toJson() writes it");
        }
        String m = JsonFields.string(o, "method", where);
        Method method;
        if (Method.MIN_MAX.jsonName().equals(m)) {
            method = Method.MIN_MAX;
        } else if (Method.Z_SCORE.jsonName().equals(m)) {
            method = Method.Z_SCORE;
        } else {
            throw new ModelFormatException(where + ".method: \"" + m + "\" is unknown; expected \"min-max\" or \"z-score\"");
        }
        String an = method == Method.MIN_MAX ? "min" : "mean";
        String bn = method == Method.MIN_MAX ? "max" : "std";
        JsonArray ja = JsonFields.array(o, an, where);
        JsonArray jb = JsonFields.array(o, bn, where);
        if (ja.isEmpty() || ja.size() != jb.size()) {
            throw new ModelFormatException(where + ": \"" + an + "\" has " + ja.size() + " values and \"" + bn + "\" "
                    + jb.size() + "; expected the same number, at least one");
        }
        double[] a = new double[ja.size()];
        double[] b = new double[jb.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = JsonFields.number(ja.get(i), where + "." + an + "[" + i + "]");
            b[i] = JsonFields.number(jb.get(i), where + "." + bn + "[" + i + "]");
        }
        try {
            return method == Method.MIN_MAX ? minMax(a, b) : zScore(a, b);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalizer && ((Normalizer) o).method == method && Arrays.equals(((Normalizer) o).first, first)
                && Arrays.equals(((Normalizer) o).second, second);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, Arrays.hashCode(first), Arrays.hashCode(second));
    }

    @Override
    public String toString() {
        return "Normalizer(" + method.jsonName() + ", " + first.length + " columns)";
    }
}
