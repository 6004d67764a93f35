package toynn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.NeuralNetwork;
import toynn.data.BundledData;
import toynn.train.Adam;
import toynn.train.Momentum;
import toynn.train.Sgd;

/** Parameter averaging: workers take k local steps, then the driver averages weights and optimizer state. */
class ParameterAveragingTest {

    @Test
    void trainsTheBundledDigitsToAtLeast93PercentTestAccuracy() {
        JavaSparkContext sc = LocalSpark.context();
        DataSet.Split split = BundledData.load("digits").split(0.2, 42);
        NeuralNetwork nn = NeuralNetwork.builder().inputs(64).dense(32, ActivationFunction.RELU)
                .dense(10, ActivationFunction.SOFTMAX).optimizer(Adam.of(0.01)).seed(1).build();
        double before = nn.evaluate(split.test()).accuracy();
        List<SparkEpoch> h = SparkTraining.parameterAveraging(sc, 5).workers(2).batchSizePerWorker(16).epochs(12)
                .seed(1).validationData(split.test()).fit(nn, SparkData.of(sc, split.train(), 2)).epochs();
        double acc = nn.evaluate(split.test()).accuracy();
        assertTrue(acc >= 0.93, "digits test accuracy " + acc + " (before training " + before + ")");
        assertEquals(acc, h.get(h.size() - 1).valAccuracy(), 1e-12, "the last epoch's validation is the test set");
        assertTrue(h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss(), "the training loss falls");
        int rounds = (int) Math.ceil(Math.ceil(split.train().size() / 32.0) / 5);
        assertEquals(rounds, h.get(0).jobs(), "one Spark job per averaging round");
    }

    @Test
    void averagingAfterEveryStepWithSgdIsSynchronousTraining() {
        // avg_p(w − lr·g_p) weighted by examples = w − lr·(Σ n_p·g_p / Σ n_p): one synchronous SGD step
        JavaSparkContext sc = LocalSpark.context();
        DataSet data = SynchronousTrainingTest.blobs(70, 2);
        NeuralNetwork sync = SynchronousTrainingTest.classifier(Sgd.of(0.2), 0);
        NeuralNetwork avg = SynchronousTrainingTest.classifier(Sgd.of(0.2), 0);
        SparkTraining.synchronous(sc).workers(2).batchSizePerWorker(8).epochs(2).seed(3).fit(sync, SparkData.of(sc, data, 2));
        SparkTraining.parameterAveraging(sc, 1).workers(2).batchSizePerWorker(8).epochs(2).seed(3)
                .fit(avg, SparkData.of(sc, data, 2));
        double diff = SynchronousTrainingTest.maxDifference(sync, avg);
        assertTrue(diff < 2e-5, "weights differ by " + diff);
    }

    @Test
    void averagingIsDeterministicAndKeepsTheOptimizerStepCount() {
        JavaSparkContext sc = LocalSpark.context();
        DataSet data = SynchronousTrainingTest.blobs(64, 8);
        NeuralNetwork a = SynchronousTrainingTest.classifier(Momentum.of(0.05, 0.9), 1e-3);
        NeuralNetwork b = SynchronousTrainingTest.classifier(Momentum.of(0.05, 0.9), 1e-3);
        SparkTraining.parameterAveraging(sc, 3).workers(4).batchSizePerWorker(2).epochs(2).seed(5).fit(a, SparkData.of(sc, data, 1));
        SparkTraining.parameterAveraging(sc, 3).workers(4).batchSizePerWorker(2).epochs(2).seed(5).fit(b, SparkData.of(sc, data, 3));
        assertArrayEquals(Parameters.of(a), Parameters.of(b));
        // 64 examples / (4 × 2) = 8 global batches per epoch: every worker takes 8 local steps per epoch
        assertEquals(16, a.optimizer().steps());
    }
}
