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
import toynn.train.Adam;
import toynn.train.EpochEvent;
import toynn.train.FitOptions;
import toynn.train.History;
import toynn.train.Momentum;
import toynn.train.Optimizer;
import toynn.util.Rng;

/**
 * Synchronous data-parallel training: P workers with b examples each per step train the network that
 * {@code fit} trains with batch P·b on one machine.
 */
class SynchronousTrainingTest {
    /** Three noisy blobs in 4-D (n not a multiple of the batch sizes used, so the short last batch is covered). */
    static DataSet blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 4];
        float[] t = new float[n * 3];
        for (int i = 0; i < n; i++) {
            int c = (int) (rng.nextDouble() * 3);
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) ((j == c ? 1.5 : 0) + 0.9 * rng.nextGaussian());
            }
            t[i * 3 + c] = 1f;
        }
        return DataSet.of(x, t, n, 4, 3, List.of("a", "b", "c"), List.of());
    }

    static NeuralNetwork classifier(Optimizer opt, double weightDecay) {
        return NeuralNetwork.builder().inputs(4).dense(8, ActivationFunction.TANH).dense(3, ActivationFunction.SOFTMAX)
                .optimizer(opt).weightDecay(weightDecay).seed(5).build();
    }

    /** Largest |a − b| over all parameters. */
    static double maxDifference(NeuralNetwork a, NeuralNetwork b) {
        float[] x = Parameters.of(a);
        float[] y = Parameters.of(b);
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    private static void assertSameTraining(int workers, int b, Optimizer opt, double decay, int epochs) {
        JavaSparkContext sc = LocalSpark.context();
        DataSet data = blobs(101, 3);
        NeuralNetwork single = classifier(opt.fresh(), decay);
        History h = single.fit(data, FitOptions.create().epochs(epochs).batchSize(workers * b).seed(42).shuffle(true));

        NeuralNetwork spread = classifier(opt.fresh(), decay);
        float[] before = Parameters.of(spread);
        List<SparkEpoch> s = SparkTraining.synchronous(sc).workers(workers).batchSizePerWorker(b).epochs(epochs).seed(42)
                .fit(spread, SparkData.of(sc, data, 3)).epochs();

        double moved = 0;
        float[] after = Parameters.of(spread);
        for (int i = 0; i < after.length; i++) {
            moved = Math.max(moved, Math.abs(after[i] - before[i]));
        }
        assertTrue(moved > 0.05, "training moved the weights (by " + moved + ")");
        double diff = maxDifference(single, spread);
        assertTrue(diff < 2e-5, workers + " workers × " + b + " vs batch " + workers * b + ": weights differ by " + diff);
        assertEquals(epochs, s.size());
        assertEquals(epochs, spread.epochsTrained());
        int steps = (101 + workers * b - 1) / (workers * b);
        for (int e = 0; e < epochs; e++) {
            EpochEvent want = h.epochs().get(e);
            SparkEpoch got = s.get(e);
            assertEquals(want.trainLoss(), got.trainLoss(), 1e-5, "epoch " + (e + 1) + " loss");
            assertEquals(want.trainAccuracy(), got.trainAccuracy(), 1e-12, "epoch " + (e + 1) + " accuracy");
            assertEquals(steps, got.jobs(), "one Spark job per global batch");
        }
    }

    @Test
    void twoWorkersOfFourEqualOneMachineWithBatchEight() {
        assertSameTraining(2, 4, Momentum.of(0.05, 0.9), 0, 3);
    }

    @Test
    void threeWorkersOfFiveWithAdamAndWeightDecayEqualOneMachineWithBatchFifteen() {
        assertSameTraining(3, 5, Adam.of(0.01), 1e-3, 3);
    }

    @Test
    void sameSeedSameModelBitForBitWhateverTheInputPartitioning() {
        JavaSparkContext sc = LocalSpark.context();
        DataSet data = blobs(60, 9);
        NeuralNetwork a = classifier(Adam.of(0.01), 0);
        NeuralNetwork b = classifier(Adam.of(0.01), 0);
        NeuralNetwork c = classifier(Adam.of(0.01), 0);
        // 5 workers on 2 cores: tasks finish in varying order, the sums must not depend on it (TreeSum)
        SparkTraining.synchronous(sc).workers(5).batchSizePerWorker(3).epochs(2).seed(7).fit(a, SparkData.of(sc, data, 1));
        SparkTraining.synchronous(sc).workers(5).batchSizePerWorker(3).epochs(2).seed(7).fit(b, SparkData.of(sc, data, 4));
        SparkTraining.synchronous(sc).workers(5).batchSizePerWorker(3).epochs(2).seed(8).fit(c, SparkData.of(sc, data, 1));
        assertArrayEquals(Parameters.of(a), Parameters.of(b));
        assertTrue(maxDifference(a, c) > 0, "another seed, another epoch order, another model");
    }

    /** A batch per worker beyond the data is one batch of all of it, as in fit — not b rows of workspace per task. */
    @Test
    void aBatchPerWorkerLargerThanTheDataIsOneBatchOfAllOfIt() {
        JavaSparkContext sc = LocalSpark.context();
        DataSet data = blobs(30, 6);
        NeuralNetwork single = classifier(Momentum.of(0.05, 0.9), 0);
        single.fit(data, FitOptions.create().epochs(2).batchSize(30).seed(4));
        NeuralNetwork spread = classifier(Momentum.of(0.05, 0.9), 0);
        SparkHistory h = SparkTraining.synchronous(sc).workers(2).batchSizePerWorker(Integer.MAX_VALUE).epochs(2).seed(4)
                .fit(spread, SparkData.of(sc, data, 2));
        assertEquals(1, h.last().jobs(), "one step per epoch");
        assertTrue(maxDifference(single, spread) < 2e-5, "weights differ by " + maxDifference(single, spread));
        NeuralNetwork averaged = classifier(Momentum.of(0.05, 0.9), 0);
        SparkTraining.parameterAveraging(sc, 3).workers(2).batchSizePerWorker(1 << 30).epochs(2).seed(4)
                .fit(averaged, SparkData.of(sc, data, 2));
        assertTrue(maxDifference(single, averaged) < 2e-5, "weights differ by " + maxDifference(single, averaged));
    }

    @Test
    void withoutShufflingTheDataOrderIsUsed() {
        JavaSparkContext sc = LocalSpark.context();
        DataSet data = blobs(50, 4);
        NeuralNetwork single = classifier(Momentum.of(0.05, 0.9), 0);
        single.fit(data, FitOptions.create().epochs(2).batchSize(6).shuffle(false));
        NeuralNetwork spread = classifier(Momentum.of(0.05, 0.9), 0);
        SparkTraining.synchronous(sc).workers(3).batchSizePerWorker(2).epochs(2).shuffle(false)
                .fit(spread, SparkData.of(sc, data, 2));
        double diff = maxDifference(single, spread);
        assertTrue(diff < 2e-5, "weights differ by " + diff);
    }

    @Test
    void earlyStoppingAndResumingBehaveAsInFit() {
        JavaSparkContext sc = LocalSpark.context();
        DataSet data = blobs(90, 12);
        DataSet val = blobs(30, 13);
        NeuralNetwork single = classifier(Adam.of(0.02), 0);
        History h = single.fit(data, FitOptions.create().epochs(20).batchSize(10).seed(3).validationData(val)
                .earlyStopping(1, 0.02, true));
        NeuralNetwork spread = classifier(Adam.of(0.02), 0);
        SparkHistory s = SparkTraining.synchronous(sc).workers(2).batchSizePerWorker(5).epochs(20).seed(3)
                .validationData(val).earlyStopping(1, 0.02, true).fit(spread, SparkData.of(sc, data, 2));
        assertTrue(h.stoppedEarly(), "the setting stops fit early");
        assertEquals(h.stoppedEarly(), s.stoppedEarly());
        assertEquals(h.epochs().size(), s.epochs().size());
        assertEquals(h.bestEpoch(), s.bestEpoch());
        assertEquals(h.restoredBestWeights(), s.restoredBestWeights());
        assertTrue(maxDifference(single, spread) < 2e-5, "weights differ by " + maxDifference(single, spread));

        // two epochs, then two more from epoch 2 = four epochs in one go
        NeuralNetwork straight = classifier(Adam.of(0.02), 0);
        straight.fit(data, FitOptions.create().epochs(4).batchSize(10).seed(3));
        NeuralNetwork resumed = classifier(Adam.of(0.02), 0);
        SparkData d = SparkData.of(sc, data, 2);
        SparkTraining.synchronous(sc).workers(2).batchSizePerWorker(5).epochs(2).seed(3).fit(resumed, d);
        SparkHistory rest = SparkTraining.synchronous(sc).workers(2).batchSizePerWorker(5).epochs(4).initialEpoch(2)
                .seed(3).fit(resumed, d);
        assertEquals(3, rest.epochs().get(0).epoch());
        assertEquals(4, resumed.epochsTrained());
        assertTrue(maxDifference(straight, resumed) < 2e-5, "weights differ by " + maxDifference(straight, resumed));
    }
}
