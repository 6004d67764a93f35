package toynn.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import toynn.InputShape;

/**
 * Turns a {@code Row} into an {@link Example}: the feature columns (numbers, or arrays of numbers)
 * into the input row, the label into a one-hot target (or numeric target columns into the target row
 * for regression). Made on the driver from the schema — which is where missing columns and wrong types
 * are caught — and run on the executors.
 */
final class RowReader implements Serializable {
    private static final long serialVersionUID = 1L;
    /** More distinct labels than this is not a classification problem. */
    static final int MAX_CLASSES = 10_000;

    private final String[] names;         // feature columns
    private final int[] index;            // their positions in the row
    private final int[] width;            // 1 for a number, the array length for an array column
    private final boolean[] isArray;
    private final int inputSize;
    private final String label;           // classification: the label column, else null
    private final int labelIndex;
    private final Map<String, Integer> classIndex;
    private final List<String> classNames;
    private final String[] targetNames;   // regression: the target columns, else null
    private final int[] targetIndex;

    private RowReader(StructType schema, List<String> features, String label, Map<String, Integer> classIndex,
                      List<String> classNames, List<String> targets, Dataset<Row> rows) {
        this.names = features.toArray(new String[0]);
        this.index = new int[names.length];
        this.width = new int[names.length];
        this.isArray = new boolean[names.length];
        int total = 0;
        for (int c = 0; c < names.length; c++) {
            index[c] = fieldIndex(schema, names[c], "feature");
            DataType type = schema.fields()[index[c]].dataType();
            if (type instanceof ArrayType a && a.elementType() instanceof NumericType) {
                isArray[c] = true;
                width[c] = arrayWidth(rows, names[c]);
            } else if (type instanceof NumericType) {
                width[c] = 1;
            } else {
                throw new IllegalArgumentException("feature column '" + names[c] + "' holds " + type.simpleString()
                        + "; expected numbers or arrays of numbers");
            }
            total += width[c];
        }
        this.inputSize = total;
        this.label = label;
        this.labelIndex = label == null ? -1 : fieldIndex(schema, label, "label");
        this.classIndex = classIndex;
        this.classNames = classNames;
        this.targetNames = targets == null ? null : targets.toArray(new String[0]);
        this.targetIndex = targets == null ? null : new int[targets.size()];
        if (targets != null) {
            for (int c = 0; c < targetIndex.length; c++) {
                targetIndex[c] = fieldIndex(schema, targetNames[c], "target");
                DataType type = schema.fields()[targetIndex[c]].dataType();
                if (!(type instanceof NumericType)) {
                    throw new IllegalArgumentException("target column '" + targetNames[c] + "' holds " + type.simpleString()
                            + "; expected numbers");
                }
            }
        }
    }

    /** A reader of feature columns and a class label; finds the classes with one Spark job. */
    static RowReader classification(Dataset<Row> rows, List<String> features, String label) {
        Objects.requireNonNull(rows, "rows must not be null");
        Objects.requireNonNull(label, "label column must not be null");
        StructType schema = rows.schema();
        checkFeatures(schema, features, List.of(label));
        int li = fieldIndex(schema, label, "label");
        DataType type = schema.fields()[li].dataType();
        boolean numeric = type instanceof NumericType;
        if (!numeric && !(type instanceof StringType) && !(type instanceof BooleanType)) {
            throw new IllegalArgumentException("label column '" + label + "' holds " + type.simpleString()
                    + "; expected class labels as strings, integers or booleans");
        }
        List<Row> distinct = rows.select(label).distinct().limit(MAX_CLASSES + 1).collectAsList();
        if (distinct.size() > MAX_CLASSES) {
            throw new IllegalArgumentException("label column '" + label + "' has more than " + MAX_CLASSES
                    + " distinct values; expected class labels (for numeric targets use SparkData.regression)");
        }
        List<String> keys = new ArrayList<>();
        for (Row r : distinct) {
            if (r.isNullAt(0)) {
                throw new IllegalArgumentException("label column '" + label + "' has missing (null) values; "
                        + "expected a class label in every row");
            }
            keys.add(labelKey(r.get(0), label));
        }
        if (keys.size() == 1) {
            // One output that is always right: a model that learns nothing and scores as if it had (as toynn train says)
            throw new IllegalArgumentException("label column '" + label + "' takes only one value, " + keys
                    + "; a classifier needs at least two classes (check that the label column is the one to predict)");
        }
        if (numeric) {
            keys.sort(Comparator.comparing(BigDecimal::new));
        } else {
            keys.sort(Comparator.naturalOrder());
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            classIndex.put(keys.get(i), i);
        }
        return new RowReader(schema, features, label, classIndex, List.copyOf(keys), null, rows);
    }

    /** A reader of numeric feature and target columns. */
    static RowReader regression(Dataset<Row> rows, List<String> features, List<String> targets) {
        Objects.requireNonNull(rows, "rows must not be null");
        Objects.requireNonNull(targets, "target columns must not be null");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target columns given; expected at least one");
        }
        checkFeatures(rows.schema(), features, targets);
        return new RowReader(rows.schema(), features, null, null, List.of(), targets, rows);
    }

    /** Every column except {@code label}, in schema order. */
    static List<String> allBut(Dataset<Row> rows, String label) {
        Objects.requireNonNull(rows, "rows must not be null");
        StructType schema = rows.schema();
        fieldIndex(schema, label, "label");
        List<String> out = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!f.name().equals(label)) {
                out.add(f.name());
            }
        }
        return out;
    }

    private static void checkFeatures(StructType schema, List<String> features, List<String> targets) {
        Objects.requireNonNull(features, "feature columns must not be null");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("no feature columns; expected at least one besides " + targets
                    + " (the data's columns are " + Arrays.toString(schema.fieldNames()) + ")");
        }
        for (String f : features) {
            Objects.requireNonNull(f, "a feature column name is null");
            if (targets.contains(f)) {
                throw new IllegalArgumentException("column '" + f + "' is both a feature and the label/target; "
                        + "a network must not see its answer among its inputs");
            }
        }
    }

    private static int fieldIndex(StructType schema, String name, String role) {
        String[] all = schema.fieldNames();
        for (int i = 0; i < all.length; i++) {
            if (all[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(role + " column '" + name + "' is not in the data; its columns are "
                + Arrays.toString(all));
    }

    /** The length of the first non-null array in the column (every row is checked against it later). */
    private static int arrayWidth(Dataset<Row> rows, String column) {
        List<Row> first = rows.select(column).where(rows.col(column).isNotNull()).limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new IllegalArgumentException("feature column '" + column + "' has no values; expected arrays of numbers");
        }
        int n = first.get(0).getList(0).size();
        if (n == 0) {
            throw new IllegalArgumentException("feature column '" + column + "' holds empty arrays; expected numbers");
        }
        return n;
    }

    /** The class key of a label value: strings as they are, whole numbers without a fraction. */
    private static String labelKey(Object v, String label) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Number n) {
            // NaN and ∞ first: BigDecimal cannot hold them (it would throw a bare NumberFormatException)
            boolean nonFinite = v instanceof Double x && !Double.isFinite(x) || v instanceof Float f && !Float.isFinite(f);
            BigDecimal d = nonFinite ? null : v instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
            if (nonFinite || d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("label column '" + label + "' holds " + v
                        + "; expected whole numbers or strings as class labels (for numeric targets use SparkData.regression)");
            }
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        throw new IllegalArgumentException("label column '" + label + "' holds " + v + "; expected a class label");
    }

    /** The class names in target order (classification), else empty. */
    List<String> classNames() {
        return classNames;
    }

    /** A name per input value: the column, or {@code column[i]} for array columns. */
    List<String> inputNames() {
        List<String> out = new ArrayList<>(inputSize);
        for (int c = 0; c < names.length; c++) {
            if (isArray[c]) {
                for (int i = 0; i < width[c]; i++) {
                    out.add(names[c] + "[" + i + "]");
                }
            } else {
                out.add(names[c]);
            }
        }
        return out;
    }

    /** Plain values when every feature column is a number; not known (null) when one holds arrays. */
    InputShape inputShape() {
        for (boolean a : isArray) {
            if (a) {
                return null;
            }
        }
        return InputShape.values();
    }

    /** The example of one row. */
    Example example(Row row) {
        float[] x = new float[inputSize];
        int at = 0;
        for (int c = 0; c < names.length; c++) {
            int i = index[c];
            if (row.isNullAt(i)) {
                throw new IllegalArgumentException("feature column '" + names[c] + "' is null in row " + abbreviate(row)
                        + "; expected a value in every row");
            }
            if (isArray[c]) {
                List<Object> values = row.getList(i);
                if (values.size() != width[c]) {
                    throw new IllegalArgumentException("feature column '" + names[c] + "' holds " + values.size()
                            + " values in row " + abbreviate(row) + "; expected " + width[c] + " like the first row");
                }
                for (int k = 0; k < values.size(); k++) {
                    x[at++] = number(values.get(k), names[c] + "[" + k + "]", row);
                }
            } else {
                x[at++] = number(row.get(i), names[c], row);
            }
        }
        float[] t;
        if (label != null) {
            if (row.isNullAt(labelIndex)) {
                throw new IllegalArgumentException("label column '" + label + "' is null in row " + abbreviate(row)
                        + "; expected a class label in every row");
            }
            Integer k = classIndex.get(labelKey(row.get(labelIndex), label));
            if (k == null) {
                throw new IllegalArgumentException("label '" + row.get(labelIndex) + "' in row " + abbreviate(row)
                        + " is not one of the classes " + classNames + " found when the data was opened");
            }
            t = new float[classNames.size()];
            t[k] = 1f;
        } else {
            t = new float[targetIndex.length];
            for (int c = 0; c < t.length; c++) {
                if (row.isNullAt(targetIndex[c])) {
                    throw new IllegalArgumentException("target column '" + targetNames[c] + "' is null in row "
                            + abbreviate(row) + "; expected a value in every row");
                }
                t[c] = number(row.get(targetIndex[c]), targetNames[c], row);
            }
        }
        return new Example(x, t);
    }

    private static float number(Object v, String column, Row row) {
        if (v == null) {
            throw new IllegalArgumentException("column '" + column + "' is null in row " + abbreviate(row)
                    + "; expected a number");
        }
        double d = v instanceof BigDecimal bd ? bd.doubleValue() : ((Number) v).doubleValue();
        float f = (float) d;
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException("column '" + column + "' is " + v + " in row " + abbreviate(row)
                    + "; expected a finite number" + (Double.isFinite(d) ? " within float32 range" : ""));
        }
        return f;
    }

    private static String abbreviate(Row row) {
        String s = row.toString();
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
