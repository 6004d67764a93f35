package toynn;

import java.util.List;
import java.util.Objects;

/**
 * Examples to learn from: {@code size()} rows of inputs, each with its target, stored as float32
 * row-major matrices — inputs {@code (size, inputSize)}, targets {@code (size, targetSize)}.
 *
 * <p>For classification the targets are one-hot rows and {@link #classNames()} names the classes
 * in column order; for regression the class names are empty. {@link #columnNames()} names the input
 * columns when they are known (e.g. from a CSV header), else it is empty.
 */
public final class DataSet {
    private final float[] inputs;     // (size, inputSize)
    private final float[] targets;    // (size, targetSize)
    private final int size;
    private final int inputSize;
    private final int targetSize;
    private final List<String> classNames;
    private final List<String> columnNames;

    private DataSet(float[] inputs, float[] targets, int size, int inputSize, int targetSize,
                    List<String> classNames, List<String> columnNames) {
        this.inputs = inputs;
        this.targets = targets;
        this.size = size;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.classNames = List.copyOf(classNames);
        this.columnNames = List.copyOf(columnNames);
    }

    /**
     * A data set over row-major float32 arrays, which are used as they are (not copied).
     *
     * @throws IllegalArgumentException when sizes are not positive, arrays have the wrong length, or a value is not finite
     */
    public static DataSet of(float[] inputs, float[] targets, int size, int inputSize, int targetSize) {
        return of(inputs, targets, size, inputSize, targetSize, List.of(), List.of());
    }

    /** As {@link #of(float[], float[], int, int, int)}, with class names (one per target column) and column names. */
    public static DataSet of(float[] inputs, float[] targets, int size, int inputSize, int targetSize,
                             List<String> classNames, List<String> columnNames) {
        Objects.requireNonNull(inputs, "inputs must not be null");
        Objects.requireNonNull(targets, "targets must not be null");
        if (size <= 0 || inputSize <= 0 || targetSize <= 0) {
            throw new IllegalArgumentException("a data set needs at least one example, one input and one target, got "
                    + size + " examples, " + inputSize + " inputs, " + targetSize + " targets");
        }
        if ((long) size * inputSize != inputs.length) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values; expected " + size + "×"
                    + inputSize + " = " + (long) size * inputSize);
        }
        if ((long) size * targetSize != targets.length) {
            throw new IllegalArgumentException("targets hold " + targets.length + " values; expected " + size + "×"
                    + targetSize + " = " + (long) size * targetSize);
        }
        checkFinite(inputs, inputSize, "input");
        checkFinite(targets, targetSize, "target");
        Objects.requireNonNull(classNames, "classNames must not be null (use an empty list)");
        Objects.requireNonNull(columnNames, "columnNames must not be null (use an empty list)");
        if (!classNames.isEmpty() && classNames.size() != targetSize) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + targetSize
                    + " target columns; expected one name per column");
        }
        if (!columnNames.isEmpty() && columnNames.size() != inputSize) {
            throw new IllegalArgumentException(columnNames.size() + " column names for " + inputSize
                    + " inputs; expected one name per input");
        }
        return new DataSet(inputs, targets, size, inputSize, targetSize, classNames, columnNames);
    }

    /** A data set from rows of inputs and rows of targets (copied into float32). */
    public static DataSet of(double[][] inputs, double[][] targets) {
        Objects.requireNonNull(inputs, "inputs must not be null");
        Objects.requireNonNull(targets, "targets must not be null");
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException(inputs.length + " input rows but " + targets.length
                    + " target rows; expected one target row per input row");
        }
        if (inputs.length == 0) {
            throw new IllegalArgumentException("a data set needs at least one example, got none");
        }
        int in = rowLength(inputs, "inputs");
        int out = rowLength(targets, "targets");
        return of(flatten(inputs, in, "inputs"), flatten(targets, out, "targets"), inputs.length, in, out);
    }

    private static int rowLength(double[][] rows, String what) {
        if (rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException(what + "[0] is empty; expected at least one value per row");
        }
        return rows[0].length;
    }

    private static float[] flatten(double[][] rows, int width, String what) {
        float[] out = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                throw new IllegalArgumentException(what + "[" + r + "] has " + (rows[r] == null ? 0 : rows[r].length)
                        + " values; expected " + width + " like row 0");
            }
            for (int c = 0; c < width; c++) {
                out[r * width + c] = (float) rows[r][c];
            }
        }
        return out;
    }

    private static void checkFinite(float[] a, int width, String what) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException(what + " row " + i / width + ", column " + i % width + " is " + a[i]
                        + "; expected a finite number");
            }
        }
    }

    /** Number of examples. */
    public int size() {
        return size;
    }

    /** Values per input row. */
    public int inputSize() {
        return inputSize;
    }

    /** Values per target row. */
    public int targetSize() {
        return targetSize;
    }

    /** The live input matrix, (size, inputSize) row-major. */
    public float[] inputs() {
        return inputs;
    }

    /** The live target matrix, (size, targetSize) row-major. */
    public float[] targets() {
        return targets;
    }

    /** Class names in target-column order; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** Input column names; empty when unknown. */
    public List<String> columnNames() {
        return columnNames;
    }

    /** True when the targets are classes (class names are known). */
    public boolean isClassification() {
        return !classNames.isEmpty();
    }

    /** The class of example {@code i}: the column of its largest target value. */
    public int label(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("example " + i + " does not exist; the data set has " + size);
        }
        int o = i * targetSize;
        int best = 0;
        for (int j = 1; j < targetSize; j++) {
            if (targets[o + j] > targets[o + best]) {
                best = j;
            }
        }
        return best;
    }

    /** A new data set holding copies of the examples at {@code indices}, in that order. */
    public DataSet subset(int[] indices) {
        Objects.requireNonNull(indices, "indices must not be null");
        if (indices.length == 0) {
            throw new IllegalArgumentException("a subset needs at least one example");
        }
        float[] in = new float[indices.length * inputSize];
        float[] out = new float[indices.length * targetSize];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("index " + i + " is outside the data set of " + size + " examples");
            }
            System.arraycopy(inputs, i * inputSize, in, k * inputSize, inputSize);
            System.arraycopy(targets, i * targetSize, out, k * targetSize, targetSize);
        }
        return new DataSet(in, out, indices.length, inputSize, targetSize, classNames, columnNames);
    }

    @Override
    public String toString() {
        return "DataSet(" + size + " examples, " + inputSize + " inputs, " + targetSize + " targets"
                + (classNames.isEmpty() ? "" : ", classes " + classNames) + ")";
    }
}
