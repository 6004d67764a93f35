package toynn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toynn.ActivationFunction.RELU;
import static toynn.ActivationFunction.SOFTMAX;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.DataSet;
import toynn.NeuralNetwork;
import toynn.data.BundledData;
import toynn.evolve.Population;
import toynn.evolve.env.CartPole;
import toynn.train.Adam;

/** The README's Spark snippet, as written (with the CSV made from the bundled digits). */
class ReadmeSparkExampleTest {
    /** The bundled digits as a CSV with a header: 64 pixel columns and "label". */
    private static Path digitsCsv(Path dir) throws Exception {
        DataSet d = BundledData.load("digits");
        Path f = dir.resolve("digits.csv");
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            w.write(String.join(",", d.columnNames()) + ",label\n");
            for (int i = 0; i < d.size(); i++) {
                StringBuilder row = new StringBuilder();
                for (int j = 0; j < 64; j++) {
                    row.append(d.inputs()[i * 64 + j]).append(',');
                }
                w.write(row.append(d.classNames().get(d.label(i))).append('\n').toString());
            }
        }
        return f;
    }

    @Test
    void theSnippetTrainsAndEvolves(@TempDir Path dir) throws Exception {
        String csv = digitsCsv(dir).toString();
        SparkSession spark = SparkSessions.start("local[2]", "my-app");         // or spark://host:7077, yarn, …
        JavaSparkContext sc = SparkSessions.context(spark);
        SparkData data = SparkData.readCsv(spark, csv, "label").cache();       // or readParquet, fromRows, of(rdd)
        NeuralNetwork nn = NeuralNetwork.builder().inputs(64).dense(32, RELU).dense(10, SOFTMAX)
                .optimizer(Adam.of(0.01)).seed(1).build();
        SparkHistory h = SparkTraining.synchronous(sc)                            // = nn.fit with batch 2 × 64
                .workers(2).batchSizePerWorker(64).epochs(5).seed(1).fit(nn, data);
        // or SparkTraining.parameterAveraging(sc, 5): average weights and optimizer state every 5 local steps
        System.out.println(h.last().trainAccuracy());

        Population pop = new Population(100, 1, CartPole.BRAIN);
        try (SparkFitness onSpark = new SparkFitness(sc, () -> CartPole.fitness(5))) {
            pop.evolveTogether(onSpark, 10);                                      // = pop.evolve(CartPole.fitness(5), 10)
        }

        assertEquals(1797, data.size());
        assertTrue(h.last().trainAccuracy() > 0.85, "training accuracy " + h.last().trainAccuracy());
        assertEquals(10, pop.history().size());
        assertTrue(pop.bestFitness() > 100, "best cart-pole fitness " + pop.bestFitness());
        data.examples().unpersist();
    }
}
