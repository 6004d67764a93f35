package toynn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import toynn.util.Rng;

/**
 * Examples to learn from: {@code size()} rows of inputs, each with its target, stored as float32
 * row-major matrices — inputs {@code (size, inputSize)}, targets {@code (size, targetSize)}.
 *
 * <p>For classification the targets are one-hot rows and {@link #classNames()} names the classes
 * in column order; for regression the class names are empty. {@link #columnNames()} names the input
 * columns when they are known (e.g. from a CSV header), else it is empty. When the inputs are
 * images, {@link #isImage()} is true and {@link #imageWidth()}/{@link #imageHeight()} give the shape
 * of one row (row-major pixels).
 *
 * <p>Splits and shuffles are seeded: the same seed gives the same examples in the same order on
 * every machine. Splits of classification data are stratified (each class keeps its share), see
 * {@link #split(double, long)}. {@link #batches(int)} walks the data in views over the live arrays,
 * copying nothing.
 */
public final class DataSet {
    private final float[] inputs;     // (size, inputSize)
    private final float[] targets;    // (size, targetSize)
    private final int size;
    private final int inputSize;
    private final int targetSize;
    private final List<String> classNames;
    private final List<String> columnNames;
    private final int imageWidth;      // 0 when the inputs are not known to be images
    private final int imageHeight;

    private DataSet(float[] inputs, float[] targets, int size, int inputSize, int targetSize,
                    List<String> classNames, List<String> columnNames) {
        this(inputs, targets, size, inputSize, targetSize, classNames, columnNames, 0, 0);
    }

    private DataSet(float[] inputs, float[] targets, int size, int inputSize, int targetSize,
                    List<String> classNames, List<String> columnNames, int imageWidth, int imageHeight) {
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
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
        checkNames(classNames, columnNames, inputSize, targetSize);
        return new DataSet(inputs, targets, size, inputSize, targetSize, classNames, columnNames);
    }

    /**
     * A data set from rows of inputs and rows of targets (copied into float32; not modified).
     *
     * @throws IllegalArgumentException when the row counts differ, there are no rows, a row is null or differs in
     *                                  length from row 0, a value is not finite in float32, or the values do not
     *                                  fit in one array
     */
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
        checkArraySize((long) rows.length * width, rows.length + " rows of " + width + " " + what);
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

    /**
     * Class names: none, or one distinct, non-null name per target column; column names: none, or one
     * non-null name per input.
     */
    private static void checkNames(List<String> classNames, List<String> columnNames, int inputSize, int targetSize) {
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
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < classNames.size(); i++) {
            String name = classNames.get(i);
            if (name == null || !seen.add(name)) {
                throw new IllegalArgumentException("class name " + i + " is " + (name == null ? "null" : "\"" + name
                        + "\" again") + "; expected distinct, non-null names, got " + classNames);
            }
        }
        for (int i = 0; i < columnNames.size(); i++) {
            if (columnNames.get(i) == null) {
                throw new IllegalArgumentException("column name " + i + " is null; expected a name per input, got "
                        + columnNames);
            }
        }
    }

    /** {@code values} floats fit in one Java array; checked before allocating, so a product that overflows int is named. */
    private static void checkArraySize(long values, String what) {
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " make " + values + " values; at most " + (Integer.MAX_VALUE - 8)
                    + " fit in one array");
        }
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

    /**
     * A new data set holding copies of the examples at {@code indices} (not modified), in that order; an index
     * may repeat.
     *
     * @throws IndexOutOfBoundsException naming an index outside the data set
     * @throws IllegalArgumentException  when there are no indices, or the copies would not fit in one array
     */
    public DataSet subset(int[] indices) {
        Objects.requireNonNull(indices, "indices must not be null");
        if (indices.length == 0) {
            throw new IllegalArgumentException("a subset needs at least one example");
        }
        checkArraySize((long) indices.length * Math.max(inputSize, targetSize),
                indices.length + " examples of " + inputSize + " inputs and " + targetSize + " targets");
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
        return new DataSet(in, out, indices.length, inputSize, targetSize, classNames, columnNames,
                imageWidth, imageHeight);
    }

    // ---------------------------------------------------------------- labels and names

    /**
     * One-hot rows for class labels: row {@code i} has a 1 in column {@code labels[i]}, zeros elsewhere.
     *
     * @param labels      class indices, each in {@code [0, classNames.size())}; not modified
     * @param classNames  the classes in column order (at least one)
     * @return a new (labels.length, classNames.size()) row-major matrix
     * @throws IllegalArgumentException naming the first label that is out of range
     */
    public static float[] oneHot(int[] labels, List<String> classNames) {
        Objects.requireNonNull(labels, "labels must not be null");
        Objects.requireNonNull(classNames, "classNames must not be null");
        int k = classNames.size();
        if (k == 0) {
            throw new IllegalArgumentException("one-hot encoding needs at least one class name, got none");
        }
        if ((long) labels.length * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(labels.length + " labels × " + k + " classes do not fit in one array");
        }
        float[] out = new float[labels.length * k];                   // (n, k)
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= k) {
                throw new IllegalArgumentException("label " + i + " is " + c + "; expected a class index from 0 to "
                        + (k - 1) + " (classes " + classNames + ")");
            }
            out[i * k + c] = 1f;
        }
        return out;
    }

    /**
     * A classification data set: inputs {@code (labels.length, inputSize)} (used, not copied) and
     * one-hot targets made from {@code labels}.
     */
    public static DataSet ofLabels(float[] inputs, int inputSize, int[] labels, List<String> classNames) {
        Objects.requireNonNull(labels, "labels must not be null");
        return of(inputs, oneHot(labels, classNames), labels.length, inputSize, classNames.size(), classNames, List.of());
    }

    /** The class of every example (see {@link #label(int)}), a new array. */
    public int[] labels() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = label(i);
        }
        return out;
    }

    /** How many examples each class has, in class order; for regression data, one count per target column of its largest value. */
    public int[] classCounts() {
        int[] counts = new int[targetSize];
        for (int i = 0; i < size; i++) {
            counts[label(i)]++;
        }
        return counts;
    }

    /** The same examples (arrays shared, not copied) with other class and column names. */
    public DataSet withNames(List<String> classNames, List<String> columnNames) {
        checkNames(classNames, columnNames, inputSize, targetSize);
        return new DataSet(inputs, targets, size, inputSize, targetSize, classNames, columnNames, imageWidth, imageHeight);
    }

    // ---------------------------------------------------------------- images

    /**
     * The same examples (arrays shared, not copied), marked as {@code width × height} images: each
     * input row holds the pixels row by row.
     *
     * @throws IllegalArgumentException unless {@code width × height == inputSize()}
     */
    public DataSet withImageShape(int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height != inputSize) {
            throw new IllegalArgumentException("image shape " + width + "×" + height + " does not fit "
                    + inputSize + " inputs per example; expected width × height = " + inputSize);
        }
        return new DataSet(inputs, targets, size, inputSize, targetSize, classNames, columnNames, width, height);
    }

    /** True when each input row is known to be an image (see {@link #withImageShape(int, int)}). */
    public boolean isImage() {
        return imageWidth > 0;
    }

    /** Pixels per image row; 0 when the inputs are not images. */
    public int imageWidth() {
        return imageWidth;
    }

    /** Image rows; 0 when the inputs are not images. */
    public int imageHeight() {
        return imageHeight;
    }

    // ---------------------------------------------------------------- shuffles and splits

    /** A copy with the examples in a random order drawn from {@code seed} (Fisher–Yates on {@link Rng}). */
    public DataSet shuffled(long seed) {
        int[] order = identity(size);
        new Rng(seed).shuffle(order, size);
        return subset(order);
    }

    /** Training and test parts of a data set. */
    public record Split(DataSet train, DataSet test) {
    }

    /** Training, validation and test parts of a data set. */
    public record ThreeWaySplit(DataSet train, DataSet validation, DataSet test) {
    }

    /**
     * Splits off {@code testFraction} of the examples as a test set, drawn with {@code seed}.
     *
     * <p>For classification data the split is stratified: from each class, {@code round(count ×
     * testFraction)} examples go to the test set (so class shares stay as they were), but never all of
     * them: every class keeps at least one example to train on. Regression data
     * is split at random, {@code round(size × testFraction)} examples to the test set. Both parts
     * get at least one example and come out shuffled. Copies; this data set is unchanged.
     *
     * @param testFraction strictly between 0 and 1, e.g. 0.2
     * @throws IllegalArgumentException for a fraction outside (0, 1) or a data set too small to split
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be strictly between 0 and 1, got " + testFraction);
        }
        if (size < 2) {
            throw new IllegalArgumentException("cannot split a data set of " + size
                    + " example; a split needs at least 2 (one to train, one to test)");
        }
        Rng rng = new Rng(seed);
        int[] test;
        int[] train;
        if (isClassification()) {
            int[] labels = labels();
            int[] counts = new int[targetSize];
            for (int l : labels) {
                counts[l]++;
            }
            int[][] byClass = new int[targetSize][];
            for (int c = 0; c < targetSize; c++) {
                byClass[c] = new int[counts[c]];
            }
            int[] fill = new int[targetSize];
            for (int i = 0; i < size; i++) {
                byClass[labels[i]][fill[labels[i]]++] = i;
            }
            List<Integer> testList = new ArrayList<>();
            List<Integer> trainList = new ArrayList<>();
            for (int c = 0; c < targetSize; c++) {
                int[] members = byClass[c];
                rng.shuffle(members, members.length);
                // at least one example of every class stays to train on (a class of one goes to training)
                int k = (int) Math.min(Math.round(members.length * testFraction), Math.max(0, members.length - 1));
                for (int j = 0; j < members.length; j++) {
                    (j < k ? testList : trainList).add(members[j]);
                }
            }
            // Tiny data sets: make sure both parts exist.
            if (testList.isEmpty()) {
                testList.add(trainList.remove(trainList.size() - 1));
            } else if (trainList.isEmpty()) {
                trainList.add(testList.remove(testList.size() - 1));
            }
            test = toArray(testList);
            train = toArray(trainList);
            rng.shuffle(test, test.length);
            rng.shuffle(train, train.length);
        } else {
            int[] order = identity(size);
            rng.shuffle(order, size);
            int k = (int) Math.min(size - 1, Math.max(1, Math.round(size * testFraction)));
            test = Arrays.copyOfRange(order, 0, k);
            train = Arrays.copyOfRange(order, k, size);
        }
        return new Split(subset(train), subset(test));
    }

    /**
     * Splits into training, validation and test sets: first {@code testFraction} of all examples go
     * to the test set, then {@code validationFraction} of all examples (taken from the rest) to the
     * validation set; both steps as in {@link #split(double, long)} (stratified for classes).
     *
     * @throws IllegalArgumentException unless both fractions are positive and add up to less than 1
     */
    public ThreeWaySplit split(double testFraction, double validationFraction, long seed) {
        if (!(validationFraction > 0) || !(testFraction > 0) || !(testFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("test fraction " + testFraction + " and validation fraction "
                    + validationFraction + " must be positive and add up to less than 1");
        }
        Split first = split(testFraction, seed);
        Split second = first.train().split(validationFraction / (1 - testFraction), new Rng(seed).split().nextLong());
        return new ThreeWaySplit(second.train(), second.test(), first.test());
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    // ---------------------------------------------------------------- batches (views, no copies)

    /**
     * A view of examples {@code [start, start + size)} of a data set: offsets into its live arrays,
     * nothing copied. Rows are contiguous, so a kernel reads the batch's inputs as
     * {@code inputs()[inputOffset() …]}, {@code (size, inputSize)} row-major.
     *
     * @param data  the data set viewed
     * @param start the first example
     * @param size  the number of examples
     */
    public record Batch(DataSet data, int start, int size) {
        /**
         * Checks that the examples {@code [start, start + size)} are in {@code data}.
         *
         * @throws IndexOutOfBoundsException when the range is not inside the data set
         */
        public Batch {
            Objects.requireNonNull(data, "data must not be null");
            if (start < 0 || size <= 0 || (long) start + size > data.size) {
                throw new IndexOutOfBoundsException("batch of " + size + " examples from " + start
                        + " does not fit the data set of " + data.size + " examples");
            }
        }

        /** The live input matrix of the whole data set. */
        public float[] inputs() {
            return data.inputs;
        }

        /** The live target matrix of the whole data set. */
        public float[] targets() {
            return data.targets;
        }

        /** Index of this batch's first input value in {@link #inputs()}. */
        public int inputOffset() {
            return start * data.inputSize;
        }

        /** Index of this batch's first target value in {@link #targets()}. */
        public int targetOffset() {
            return start * data.targetSize;
        }

        /**
         * Input {@code column} of the batch's example {@code row}.
         *
         * @throws IndexOutOfBoundsException unless {@code 0 ≤ row < size()} and {@code 0 ≤ column < inputSize}
         */
        public float input(int row, int column) {
            checkCell(row, column, data.inputSize, "input");
            return data.inputs[(start + row) * data.inputSize + column];
        }

        /**
         * Target {@code column} of the batch's example {@code row}.
         *
         * @throws IndexOutOfBoundsException unless {@code 0 ≤ row < size()} and {@code 0 ≤ column < targetSize}
         */
        public float target(int row, int column) {
            checkCell(row, column, data.targetSize, "target");
            return data.targets[(start + row) * data.targetSize + column];
        }

        /** A row or column outside the batch would read a neighbouring example's values, not fail. */
        private void checkCell(int row, int column, int columns, String what) {
            if (row < 0 || row >= size || column < 0 || column >= columns) {
                throw new IndexOutOfBoundsException(what + " (" + row + ", " + column + ") is outside the batch of "
                        + size + " examples × " + columns + " " + what + "s; expected row 0 to " + (size - 1)
                        + " and column 0 to " + (columns - 1));
            }
        }
    }

    /**
     * A view of examples {@code [start, start + size)}; nothing is copied.
     *
     * @throws IndexOutOfBoundsException when the range is not inside the data set
     */
    public Batch batch(int start, int size) {
        return new Batch(this, start, size);
    }

    /** The number of batches {@link #batches(int)} gives: {@code ceil(size / batchSize)}. */
    public int batchCount(int batchSize) {
        checkBatchSize(batchSize);
        return (int) (((long) size + batchSize - 1) / batchSize);     // long: a batch size near 2^31 would overflow
    }

    /**
     * Consecutive views of {@code batchSize} examples, in order (the last may be smaller); nothing
     * is copied. Shuffle first ({@link #shuffled(long)}) for a random order.
     */
    public Iterable<Batch> batches(int batchSize) {
        checkBatchSize(batchSize);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Batch next() {
                if (next >= size) {
                    throw new NoSuchElementException("no more batches");
                }
                int n = Math.min(batchSize, size - next);
                Batch b = new Batch(DataSet.this, next, n);
                next += n;
                return b;
            }
        };
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    @Override
    public String toString() {
        return "DataSet(" + size + " examples, " + inputSize + " inputs, " + targetSize + " targets"
                + (classNames.isEmpty() ? "" : ", classes " + classNames)
                + (isImage() ? ", images " + imageWidth + "×" + imageHeight : "") + ")";
    }
}
