package toynn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.InputShape;
import toynn.NeuralNetwork;
import toynn.train.Sgd;

/** Data in: RDDs, rows, CSV and Parquet files — and clear messages for data that does not fit. */
class SparkDataTest {
    private static final String CSV = "x1,x2,name,label\n"
            + "0.5,1.0,a,cat\n"
            + "1.5,-2.0,b,dog\n"
            + "2.5,3.0,c,cat\n"
            + "-1.0,0.25,d,bird\n";

    private static Path csv(Path dir, String text) throws Exception {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void csvColumnsBecomeInputsAndTheLabelBecomesSortedOneHotClasses(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> rows = spark.read().option("header", true).option("inferSchema", true).csv(csv(dir, CSV).toString());
        SparkData d = SparkData.fromRows(rows, List.of("x1", "x2"), "label");
        assertEquals(4, d.size());
        assertEquals(2, d.inputSize());
        assertEquals(List.of("bird", "cat", "dog"), d.classNames());
        assertEquals(List.of("x1", "x2"), d.columnNames());
        DataSet local = d.collect();
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, -2f, 2.5f, 3f, -1f, 0.25f}, local.inputs());
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0}, local.targets());
    }

    /**
     * What an input row is travels with the data: a local image data set's size, plain values for numeric
     * columns, not known for array columns until said; training records it in a network that does not
     * know its own, and keeps one that does.
     */
    @Test
    void theInputShapeIsKnownWhereItCanBeAndTrainingRecordsIt(@TempDir Path dir) throws Exception {
        JavaSparkContext sc = LocalSpark.context();
        DataSet blobs = SynchronousTrainingTest.blobs(24, 3);
        DataSet images = blobs.withImageShape(2, 2);
        SparkData d = SparkData.of(sc, images, 2);
        assertEquals(InputShape.image(2, 2), d.inputShape());
        assertTrue(d.collect().isImage(), "collect() keeps the image size");
        assertEquals(2, d.collect().imageWidth());
        assertEquals(InputShape.values(), SparkData.of(sc, blobs, 2).inputShape());
        assertNull(SparkData.of(d.examples()).inputShape(), "examples made by hand: not known");

        NeuralNetwork nn = SynchronousTrainingTest.classifier(Sgd.of(0.1), 0);
        SparkTraining.synchronous(sc).workers(2).batchSizePerWorker(4).epochs(1).seed(1).fit(nn, d);
        assertEquals(InputShape.image(2, 2), nn.inputShape(), "recorded by training");
        NeuralNetwork told = SynchronousTrainingTest.classifier(Sgd.of(0.1), 0);
        told.setInputShape(InputShape.values());
        SparkTraining.synchronous(sc).workers(2).batchSizePerWorker(4).epochs(1).seed(1).fit(told, d);
        assertEquals(InputShape.values(), told.inputShape(), "a shape the network knows is kept");

        SparkSession spark = LocalSpark.session();
        Dataset<Row> rows = spark.read().option("header", true).option("inferSchema", true).csv(csv(dir, CSV).toString());
        assertEquals(InputShape.values(), SparkData.fromRows(rows, List.of("x1", "x2"), "label").inputShape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withInputShape(InputShape.image(3, 3)));
        assertTrue(e.getMessage().contains("has 9 pixels but the examples have 4 inputs"), e.getMessage());
    }

    @Test
    void parquetFilesAndNumericLabelsAndArrayColumns(@TempDir Path dir) {
        SparkSession spark = LocalSpark.session();
        StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("bias", DataTypes.IntegerType).add("digit", DataTypes.IntegerType);
        List<Row> data = List.of(RowFactory.create(List.of(0.0, 1.0, 2.0), 1, 10),
                RowFactory.create(List.of(3.0, 4.0, 5.0), 0, 2),
                RowFactory.create(List.of(6.0, 7.0, 8.0), 1, 2));
        String path = dir.resolve("p.parquet").toString();
        spark.createDataFrame(data, schema).coalesce(1).write().parquet(path);
        SparkData d = SparkData.readParquet(spark, path, "digit");
        assertEquals(List.of("2", "10"), d.classNames(), "numeric labels sort as numbers");
        assertEquals(List.of("pixels[0]", "pixels[1]", "pixels[2]", "bias"), d.columnNames());
        DataSet local = d.collect();
        assertArrayEquals(new float[] {0, 1, 2, 1, 3, 4, 5, 0, 6, 7, 8, 1}, local.inputs());
        assertArrayEquals(new float[] {0, 1, 1, 0, 1, 0}, local.targets());
        assertNull(d.inputShape(), "array columns: not known");
        assertEquals(InputShape.image(2, 2), d.withInputShape(InputShape.image(2, 2)).inputShape(), "until said");
    }

    @Test
    void readCsvUsesEveryOtherNumericColumnAndRefusesText(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.session();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.readCsv(spark, csv(dir, CSV).toString(), "label"));
        assertEquals("feature column 'name' holds string; expected numbers or arrays of numbers", e.getMessage());
        Path ok = dir.resolve("ok");
        Files.createDirectories(ok);
        SparkData d = SparkData.readCsv(spark, csv(ok, "a,b,y\n1,2,0\n3,4,1\n").toString(), "y");
        assertEquals(2, d.inputSize());
        assertEquals(List.of("0", "1"), d.classNames());
    }

    /** A CSV file with a header only (or nothing) has no examples — not a "column 'x1' holds string" from the types Spark guesses. */
    @Test
    void aCsvFileWithoutRowsSaysSo(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.session();
        Path header = csv(dir, "x1,x2,label\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.readCsv(spark, header.toString(), "label"));
        assertEquals("the csv data at " + header + " has no rows below its header; expected at least one example",
                e.getMessage());
        Path empty = csv(dir, "");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> SparkData.readCsv(spark, empty.toString(), "label"));
        assertEquals("the csv data at " + empty + " has no rows below its header; expected at least one example",
                none.getMessage());
    }

    @Test
    void missingColumnsAreNamedWithTheColumnsThereAre(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.session();
        Dataset<Row> rows = spark.read().option("header", true).option("inferSchema", true).csv(csv(dir, CSV).toString());
        IllegalArgumentException noFeature = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromRows(rows, List.of("x1", "x3"), "label"));
        assertEquals("feature column 'x3' is not in the data; its columns are [x1, x2, name, label]", noFeature.getMessage());
        IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromRows(rows, List.of("x1"), "class"));
        assertEquals("label column 'class' is not in the data; its columns are [x1, x2, name, label]", noLabel.getMessage());
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class,
                () -> SparkData.readCsv(spark, dir.resolve("nothing-here.csv").toString(), "label"));
        assertTrue(noFile.getMessage().startsWith("cannot read csv data from " + dir.resolve("nothing-here.csv")),
                noFile.getMessage());
        Path notParquet = csv(dir, CSV);
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> SparkData.readParquet(spark, notParquet.toString(), "label"));
        assertTrue(text.getMessage().startsWith("cannot read parquet data from " + notParquet + ": file:")
                && text.getMessage().contains(" is not a Parquet file"), text.getMessage());   // not Spark's "Job aborted …"
        IllegalArgumentException leak = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromRows(rows, List.of("x1", "label"), "label"));
        assertTrue(leak.getMessage().contains("both a feature and the label"), leak.getMessage());
    }

    @Test
    void wrongFeatureCountsAreCaughtWithTheExample() {
        JavaSparkContext sc = LocalSpark.context();
        List<Example> examples = Arrays.asList(Example.of(new double[] {1, 2}, new double[] {1}),
                Example.of(new double[] {3, 4}, new double[] {0}), Example.of(new double[] {5, 6, 7}, new double[] {1}),
                Example.of(new double[] {8, 9}, new double[] {0}));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> SparkData.of(sc.parallelize(examples, 1)));
        assertEquals("example 2 has 3 inputs and 1 targets; expected 2 inputs and 1 targets like the examples before it",
                one.getMessage());
        IllegalArgumentException spread = assertThrows(IllegalArgumentException.class,
                () -> SparkData.of(sc.parallelize(examples, 4)));
        assertEquals("example 2 has 3 inputs and 1 targets; expected 2 inputs and 1 targets like example 0",
                spread.getMessage());

        // arrays of different lengths in one column
        SparkSession spark = LocalSpark.session();
        StructType schema = new StructType().add("v", DataTypes.createArrayType(DataTypes.FloatType))
                .add("y", DataTypes.StringType);
        Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(List.of(1f, 2f), "a"),
                RowFactory.create(List.of(1f, 2f, 3f), "b")), schema);
        IllegalArgumentException arrays = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromRows(rows, "y"));
        assertEquals("feature column 'v' holds 3 values in row [ArraySeq(1.0, 2.0, 3.0),b]; expected 2 like the first row",
                arrays.getMessage());
    }

    @Test
    void dataThatDoesNotFitTheNetworkIsRefusedBeforeTraining() {
        JavaSparkContext sc = LocalSpark.context();
        SparkData d = SparkData.of(sc, SynchronousTrainingTest.blobs(20, 1), 2);
        NeuralNetwork threeInputs = NeuralNetwork.builder().inputs(3).dense(3, ActivationFunction.SOFTMAX)
                .optimizer(Sgd.of(0.1)).build();
        IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
                () -> SparkTraining.synchronous(sc).fit(threeInputs, d));
        assertEquals("the data has 4 inputs per example but the network takes 3; expected a network with 4 inputs "
                + "(or other feature columns)", in.getMessage());
        NeuralNetwork twoOutputs = NeuralNetwork.builder().inputs(4).dense(2, ActivationFunction.SOFTMAX).build();
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> SparkTraining.parameterAveraging(sc, 2).fit(twoOutputs, d));
        assertEquals("the data has 3 target values per example (classes [a, b, c]) but the network has 2 outputs; "
                + "expected 3", out.getMessage());
        NeuralNetwork dropout = NeuralNetwork.builder().inputs(4).dense(5, ActivationFunction.RELU).dropout(0.5)
                .dense(3, ActivationFunction.SOFTMAX).build();
        IllegalArgumentException drop = assertThrows(IllegalArgumentException.class,
                () -> SparkTraining.synchronous(sc).fit(dropout, d));
        assertTrue(drop.getMessage().startsWith("layer 0 has dropout 0.5; Spark training does not apply dropout"),
                drop.getMessage());
    }

    @Test
    void missingValuesAndBadNumbersAreNamed() {
        SparkSession spark = LocalSpark.session();
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("y", DataTypes.StringType);
        Dataset<Row> nullFeature = spark.createDataFrame(List.of(RowFactory.create(1.0, "p"),
                RowFactory.create(null, "q")), schema);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> SparkData.fromRows(nullFeature, "y"));
        assertEquals("feature column 'a' is null in row [null,q]; expected a value in every row", f.getMessage());
        Dataset<Row> nullLabel = spark.createDataFrame(List.of(RowFactory.create(1.0, "p"),
                RowFactory.create(2.0, null)), schema);
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> SparkData.fromRows(nullLabel, "y"));
        assertEquals("label column 'y' has missing (null) values; expected a class label in every row", l.getMessage());
        Dataset<Row> nan = spark.createDataFrame(List.of(RowFactory.create(Double.NaN, "p"), RowFactory.create(1.0, "q")),
                schema);
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> SparkData.fromRows(nan, "y"));
        assertEquals("column 'a' is NaN in row [NaN,p]; expected a finite number", n.getMessage());
        StructType fractional = new StructType().add("a", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        Dataset<Row> regression = spark.createDataFrame(List.of(RowFactory.create(1.0, 0.5)), fractional);
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> SparkData.fromRows(regression, "y"));
        assertTrue(r.getMessage().contains("SparkData.regression"), r.getMessage());
        SparkData reg = SparkData.regression(regression, List.of("a"), List.of("y"));
        assertArrayEquals(new float[] {0.5f}, reg.collect().targets());
        assertThrows(IllegalArgumentException.class, () -> SparkData.of(LocalSpark.context().parallelize(List.<Example>of(), 2)));
    }

    /** A NaN or infinite number label is not a class (not a bare NumberFormatException), nor is a label with one value. */
    @Test
    void labelsThatAreNotClassesAreNamed() {
        SparkSession spark = LocalSpark.session();
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        Dataset<Row> nan = spark.createDataFrame(List.of(RowFactory.create(1.0, 0.0), RowFactory.create(2.0, Double.NaN)),
                schema);
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> SparkData.fromRows(nan, "y"));
        assertEquals("label column 'y' holds NaN; expected whole numbers or strings as class labels (for numeric "
                + "targets use SparkData.regression)", n.getMessage());
        StructType floats = new StructType().add("a", DataTypes.DoubleType).add("y", DataTypes.FloatType);
        Dataset<Row> inf = spark.createDataFrame(List.of(RowFactory.create(1.0, 1f),
                RowFactory.create(2.0, Float.NEGATIVE_INFINITY)), floats);
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class, () -> SparkData.fromRows(inf, "y"));
        assertTrue(i.getMessage().startsWith("label column 'y' holds -Infinity; expected whole numbers"), i.getMessage());

        StructType text = new StructType().add("a", DataTypes.DoubleType).add("y", DataTypes.StringType);
        Dataset<Row> oneClass = spark.createDataFrame(List.of(RowFactory.create(1.0, "cat"), RowFactory.create(2.0, "cat")),
                text);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromRows(oneClass, List.of("a"), "y"));
        assertEquals("label column 'y' takes only one value, [cat]; a classifier needs at least two classes (check that "
                + "the label column is the one to predict)", one.getMessage());
    }
}
