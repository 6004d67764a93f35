package toynn.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import toynn.DataSet;
import toynn.InputShape;
import toynn.NeuralNetwork;

/**
 * Training data spread over a Spark cluster: an RDD of {@link Example}s in a fixed order (example
 * {@code i} is the {@code i}-th in partition order), with the sizes every example shares and, for
 * classification, the class names.
 *
 * <p>Made from an RDD ({@link #of(JavaRDD)}), a local {@link DataSet} ({@link #of(JavaSparkContext, DataSet, int)}),
 * a {@code Dataset<Row>} with feature columns and a label column ({@link #fromRows(Dataset, List, String)}),
 * or files Spark reads ({@link #readCsv}, {@link #readParquet}). Every factory checks the whole data in
 * one Spark job before returning — equal row lengths, finite numbers, labels present — and fails with
 * a message naming the example and what was expected.
 *
 * <p>It also knows, where it can, what an input row is ({@link #inputShape()}): the image size of a local
 * image data set, plain values for rows of numeric columns. {@link SparkTraining#fit} records it in a
 * network that does not know its own yet, as {@code NeuralNetwork.fit} does, so that {@code toynn predict}
 * takes pictures for a model trained on images and refuses them for one trained on values.
 */
public final class SparkData {
    private final JavaRDD<Example> examples;
    private final long size;
    private final int inputSize;
    private final int targetSize;
    private final List<String> classNames;
    private final List<String> columnNames;
    private final InputShape inputShape;      // null: not known (examples made by hand, array columns)

    private SparkData(JavaRDD<Example> examples, long size, int inputSize, int targetSize, List<String> classNames,
                      List<String> columnNames, InputShape inputShape) {
        this.examples = examples;
        this.inputShape = inputShape;
        this.size = size;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.classNames = List.copyOf(classNames);
        this.columnNames = List.copyOf(columnNames);
    }

    // ------------------------------------------------------------------ factories

    /**
     * Regression data (or one-hot targets without class names) from an RDD of examples.
     *
     * @throws IllegalArgumentException when the RDD is empty, rows differ in length, or a value is not finite
     */
    public static SparkData of(JavaRDD<Example> examples) {
        return of(examples, List.of(), List.of(), null);
    }

    /**
     * Classification data from an RDD of examples with one-hot targets, {@code classNames} naming the
     * target columns in order (empty for regression).
     *
     * @throws IllegalArgumentException as {@link #of(JavaRDD)}, or when the class names do not match the targets
     */
    public static SparkData of(JavaRDD<Example> examples, List<String> classNames) {
        return of(examples, classNames, List.of(), null);
    }

    private static SparkData of(JavaRDD<Example> examples, List<String> classNames, List<String> columnNames,
                                InputShape inputShape) {
        Objects.requireNonNull(examples, "examples must not be null");
        Objects.requireNonNull(classNames, "classNames must not be null (use an empty list for regression)");
        Shape shape = Shape.of(examples);
        if (!classNames.isEmpty() && classNames.size() != shape.targetSize()) {
            throw new IllegalArgumentException(classNames.size() + " class names for targets of " + shape.targetSize()
                    + " values; expected one name per target column");
        }
        return new SparkData(examples, shape.size(), shape.inputSize(), shape.targetSize(), classNames, columnNames,
                inputShape);
    }

    /**
     * A local data set spread over {@code partitions} partitions (in order: the first rows in partition 0).
     *
     * @throws IllegalArgumentException if {@code partitions < 1}
     */
    public static SparkData of(JavaSparkContext sc, DataSet data, int partitions) {
        Objects.requireNonNull(sc, "spark context must not be null");
        Objects.requireNonNull(data, "data must not be null");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        int in = data.inputSize();
        int out = data.targetSize();
        List<Example> list = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            list.add(new Example(Arrays.copyOfRange(data.inputs(), i * in, (i + 1) * in),
                    Arrays.copyOfRange(data.targets(), i * out, (i + 1) * out)));
        }
        return of(sc.parallelize(list, partitions), data.classNames(), data.columnNames(), InputShape.of(data));
    }

    /**
     * Classification data from rows: the feature columns (numbers, or arrays of numbers of one length) in
     * the given order become the inputs, the label column (strings, integers or booleans) the class; the
     * classes are the label's distinct values, sorted (numerically for numbers), one-hot encoded.
     *
     * @throws IllegalArgumentException naming a missing column, a column of the wrong type, a missing
     *                                  (null) value, an array of the wrong length, or a label that takes only
     *                                  one value (a classifier needs at least two classes)
     */
    public static SparkData fromRows(Dataset<Row> rows, List<String> featureColumns, String labelColumn) {
        RowReader reader = RowReader.classification(rows, featureColumns, labelColumn);
        return of(rows.javaRDD().map(reader::example), reader.classNames(), reader.inputNames(), reader.inputShape());
    }

    /** As {@link #fromRows(Dataset, List, String)}, with every column except the label as a feature, in schema order. */
    public static SparkData fromRows(Dataset<Row> rows, String labelColumn) {
        return fromRows(rows, RowReader.allBut(rows, labelColumn), labelColumn);
    }

    /**
     * Regression data from rows: numeric feature columns as inputs, numeric target columns as targets.
     *
     * @throws IllegalArgumentException as {@link #fromRows(Dataset, List, String)}
     */
    public static SparkData regression(Dataset<Row> rows, List<String> featureColumns, List<String> targetColumns) {
        RowReader reader = RowReader.regression(rows, featureColumns, targetColumns);
        return of(rows.javaRDD().map(reader::example), List.of(), reader.inputNames(), reader.inputShape());
    }

    /**
     * A CSV file (or folder of CSV files) with a header line, read by Spark with inferred column types;
     * the label column is the class, every other column a feature.
     *
     * @throws IllegalArgumentException when the path does not exist, holds no rows, or the columns do not fit
     */
    public static SparkData readCsv(SparkSession spark, String path, String labelColumn) {
        Dataset<Row> rows = load(spark, path, "csv");
        // Without rows Spark infers every column as text: the type check would blame the first feature column
        if (SparkErrors.call(rows::isEmpty, "reading csv data from " + path)) {
            throw new IllegalArgumentException("the csv data at " + path + " has no rows below its header; expected "
                    + "at least one example");
        }
        return fromRows(rows, labelColumn);
    }

    /** As {@link #readCsv}, for Parquet files. */
    public static SparkData readParquet(SparkSession spark, String path, String labelColumn) {
        return fromRows(load(spark, path, "parquet"), labelColumn);
    }

    private static Dataset<Row> load(SparkSession spark, String path, String format) {
        Objects.requireNonNull(spark, "spark session must not be null");
        Objects.requireNonNull(path, "path must not be null");
        try {
            return "csv".equals(format)
                    ? spark.read().option("header", true).option("inferSchema", true).csv(path)
                    : spark.read().parquet(path);
        } catch (Exception e) {     // AnalysisException (no such path, unreadable), which Java sees as unchecked
            throw new IllegalArgumentException("cannot read " + format + " data from " + path + ": "
                    + SparkErrors.reason(e), e);
        }
    }

    // ------------------------------------------------------------------ accessors

    /** The examples, in their fixed order. */
    public JavaRDD<Example> examples() {
        return examples;
    }

    /** Number of examples. */
    public long size() {
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

    /** The class names, one per target column; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** The input column names when known (from rows: array columns give {@code name[0]}, …), else empty. */
    public List<String> columnNames() {
        return columnNames;
    }

    /**
     * What one input row is: an image of a size (from a local image data set), plain values (rows of
     * numeric columns), or {@code null} when not known (examples made by hand, array columns).
     */
    public InputShape inputShape() {
        return inputShape;
    }

    /**
     * The same examples, said to be {@code shape} — e.g. array columns that hold 28 × 28 images.
     *
     * @throws IllegalArgumentException when an image's width × height is not the number of inputs
     */
    public SparkData withInputShape(InputShape shape) {
        if (shape != null) {
            shape.requireInputs(inputSize, "the examples have");
        }
        return new SparkData(examples, size, inputSize, targetSize, classNames, columnNames, shape);
    }

    /** True when the data has class names. */
    public boolean isClassification() {
        return !classNames.isEmpty();
    }

    /** Keeps the examples in executor memory (worth it before training over many epochs). */
    public SparkData cache() {
        examples.persist(StorageLevel.MEMORY_ONLY());
        return this;
    }

    /**
     * The whole data set on the driver, in order.
     *
     * @throws IllegalStateException when it has more examples than one local data set holds
     */
    public DataSet collect() {
        if (size * Math.max(inputSize, targetSize) > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(size + " examples of " + inputSize + " inputs do not fit in one local data set");
        }
        int n = (int) size;
        float[] x = new float[n * inputSize];
        float[] t = new float[n * targetSize];
        int i = 0;
        for (Iterator<Example> it = examples.toLocalIterator(); it.hasNext(); i++) {
            Example e = it.next();
            System.arraycopy(e.input(), 0, x, i * inputSize, inputSize);
            System.arraycopy(e.target(), 0, t, i * targetSize, targetSize);
        }
        DataSet local = DataSet.of(x, t, n, inputSize, targetSize, classNames, columnNames);
        return inputShape != null && inputShape.isImage() ? local.withImageShape(inputShape.width(), inputShape.height())
                : local;
    }

    /**
     * Checks that the data fits the network: as many inputs and targets as it has inputs and outputs.
     *
     * @throws IllegalArgumentException naming both sizes
     */
    public void checkFits(NeuralNetwork nn) {
        Objects.requireNonNull(nn, "network must not be null");
        if (inputSize != nn.inputSize()) {
            throw new IllegalArgumentException("the data has " + inputSize + " inputs per example but the network takes "
                    + nn.inputSize() + "; expected a network with " + inputSize + " inputs (or other feature columns)");
        }
        if (targetSize != nn.outputSize()) {
            throw new IllegalArgumentException("the data has " + targetSize + " target values per example"
                    + (classNames.isEmpty() ? "" : " (classes " + classNames + ")") + " but the network has "
                    + nn.outputSize() + " outputs; expected " + targetSize);
        }
    }

    @Override
    public String toString() {
        return "SparkData(" + size + " examples, " + inputSize + " → " + targetSize
                + (classNames.isEmpty() ? "" : ", classes " + classNames) + ", " + examples.getNumPartitions()
                + " partitions)";
    }

    /** What one pass over the examples found: count and sizes, or the first bad example. */
    private record Shape(long size, int inputSize, int targetSize) {
        static Shape of(JavaRDD<Example> examples) {
            List<PartitionCheck> parts = SparkErrors.call(
                    () -> examples.mapPartitionsWithIndex(PartitionCheck::of, false).collect(), "reading the examples");
            long size = 0;
            PartitionCheck first = null;
            for (PartitionCheck p : parts) {
                if (p.count() > 0 && first == null) {
                    first = p;
                }
            }
            if (first == null) {
                throw new IllegalArgumentException("the data has no examples; expected at least one");
            }
            for (PartitionCheck p : parts) {
                if (p.problem() != null) {
                    throw new IllegalArgumentException("example " + (size + p.problemIndex()) + " " + p.problem());
                }
                if (p.count() > 0 && (p.inputSize() != first.inputSize() || p.targetSize() != first.targetSize())) {
                    throw new IllegalArgumentException("example " + size + " has " + p.inputSize() + " inputs and "
                            + p.targetSize() + " targets; expected " + first.inputSize() + " inputs and "
                            + first.targetSize() + " targets like example 0");
                }
                size += p.count();
            }
            return new Shape(size, first.inputSize(), first.targetSize());
        }
    }

    /** One partition's check: its count, the sizes of its first example, and its first bad example. */
    private record PartitionCheck(long count, int inputSize, int targetSize, long problemIndex, String problem)
            implements java.io.Serializable {
        static Iterator<PartitionCheck> of(int partition, Iterator<Example> it) {
            long n = 0;
            int in = -1;
            int out = -1;
            while (it.hasNext()) {
                Example e = it.next();
                String problem = null;
                if (e == null) {
                    problem = "is null";
                } else if (e.input().length == 0 || e.target().length == 0) {
                    problem = "has " + e.input().length + " inputs and " + e.target().length
                            + " targets; expected at least one of each";
                } else if (in >= 0 && (e.input().length != in || e.target().length != out)) {
                    problem = "has " + e.input().length + " inputs and " + e.target().length + " targets; expected " + in
                            + " inputs and " + out + " targets like the examples before it";
                } else {
                    problem = nonFinite(e.input(), "input");
                    if (problem == null) {
                        problem = nonFinite(e.target(), "target");
                    }
                }
                if (problem != null) {
                    return List.of(new PartitionCheck(n, in, out, n, problem)).iterator();
                }
                if (in < 0) {
                    in = e.input().length;
                    out = e.target().length;
                }
                n++;
            }
            return List.of(new PartitionCheck(n, in, out, -1, null)).iterator();
        }

        private static String nonFinite(float[] a, String what) {
            for (int i = 0; i < a.length; i++) {
                if (!Float.isFinite(a[i])) {
                    return "has " + what + " " + i + " = " + a[i] + "; expected a finite number";
                }
            }
            return null;
        }
    }
}
