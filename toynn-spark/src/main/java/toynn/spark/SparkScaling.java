package toynn.spark;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.data.FashionMnist;
import toynn.data.TrainTest;
import toynn.evolve.Population;
import toynn.evolve.Selection;
import toynn.evolve.env.CartPole;
import toynn.train.FitOptions;
import toynn.train.Sgd;

/**
 * The scaling measurement quoted in the README ("Spark"): the same three jobs on one master, e.g.
 * {@code local[1]} and then {@code local[2]}, with the same number of workers, so the model trained is
 * the same and only the cores differ.
 * <ol>
 *   <li>synchronous training, Fashion-MNIST 784-128-10 (ReLU, softmax + cross-entropy, SGD 0.1),
 *       2 workers × 128 = global batch 256, one epoch of 60,000;</li>
 *   <li>parameter averaging of the same network every 10 local steps, one epoch;</li>
 *   <li>cart-pole neuroevolution, 1,000 networks 4-8-2, 20 generations, 5 episodes each.</li>
 * </ol>
 * The first line is {@code fit} with batch 256 on this machine without Spark, for reference.
 * Run: {@code java <Spark's JVM flags> -cp toynn-spark/target/toynn-spark.jar:$(cat toynn-spark/target/classpath.txt)
 * toynn.spark.SparkScaling local[2]}. Prints one line per job: seconds, throughput, accuracy or fitness.
 */
public final class SparkScaling {
    private SparkScaling() {
    }

    /** Runs the three jobs on {@code args[0]} (default {@code local[2]}). */
    public static void main(String[] args) throws Exception {
        String master = args.length > 0 ? args[0] : "local[2]";
        if (!FashionMnist.isInstalled()) {
            System.err.println("Fashion-MNIST is not installed at " + FashionMnist.DEFAULT_DIR
                    + " (Debian: apt-get install dataset-fashion-mnist)");
            System.exit(1);
        }
        TrainTest fm = FashionMnist.load();
        SparkSession spark = SparkSessions.start(master, "toynn-scaling");
        JavaSparkContext sc = SparkSessions.context(spark);
        try {
            SparkData train = SparkData.of(sc, fm.train(), 2).cache();
            train.examples().count();
            NeuralNetwork ref = NeuralNetwork.builder().inputs(784).dense(128, ActivationFunction.RELU)
                    .dense(10, ActivationFunction.SOFTMAX).optimizer(Sgd.of(0.1)).seed(1).build();
            long t0 = System.nanoTime();
            ref.fit(fm.train(), FitOptions.create().epochs(1).batchSize(256).seed(1));
            double s0 = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s %-22s %6.1f s  %7.0f samples/s  test accuracy %.4f%n", "no Spark",
                    "fit, batch 256", s0, fm.train().size() / s0, ref.evaluate(fm.test()).accuracy());
            for (boolean sync : new boolean[] {true, false}) {
                NeuralNetwork nn = NeuralNetwork.builder().inputs(784).dense(128, ActivationFunction.RELU)
                        .dense(10, ActivationFunction.SOFTMAX).optimizer(Sgd.of(0.1)).seed(1).build();
                SparkTraining t = sync ? SparkTraining.synchronous(sc) : SparkTraining.parameterAveraging(sc, 10);
                long start = System.nanoTime();
                List<SparkEpoch> h = t.workers(2).batchSizePerWorker(128).epochs(1).seed(1).fit(nn, train).epochs();
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%s %-22s %6.1f s  %7.0f samples/s  %d jobs  test accuracy %.4f%n", master,
                        sync ? "synchronous" : "parameter averaging", s, fm.train().size() / s, h.get(0).jobs(),
                        nn.evaluate(fm.test()).accuracy());
            }
            try (Population pop = new Population(1000, 1, CartPole.BRAIN).selection(Selection.tournament(3)).elitism(2);
                 SparkFitness onSpark = new SparkFitness(sc, () -> CartPole.fitness(5), 4)) {
                long start = System.nanoTime();
                pop.evolveTogether(onSpark, 20);
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%s %-22s %6.1f s  %7.0f networks/s  best fitness %.1f%n", master,
                        "evolution", s, 1000 * 20 / s, pop.bestFitness());
            }
        } finally {
            spark.stop();
        }
    }
}
