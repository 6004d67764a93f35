package toynn.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.TrainingDivergedException;
import toynn.train.Adam;

/**
 * Synchronous Spark training must notice an optimizer step that made a weight NaN or infinite at that very
 * batch: the message names the epoch and batch whose update overflowed, not the epoch's last batch.
 */
class SynchronousUpdateOverflowTest {

    /** A sigmoid unit saturates: once its weight is huge the loss and gradient stay finite, even when ∞. */
    private static NeuralNetwork saturatingUnit() {
        return NeuralNetwork.builder().inputs(1).dense(1, ActivationFunction.SIGMOID).loss(Loss.MSE)
                .optimizer(Adam.of(1e38)).seed(5).build();
    }

    /** {@code n} rows of x = 1, t = 0.3: every batch has the gradient of one row. */
    private static DataSet ones(int n) {
        double[][] xs = new double[n][];
        double[][] ts = new double[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = new double[] {1};
            ts[i] = new double[] {0.3};
        }
        return DataSet.of(xs, ts);
    }

    /** The step (from 1) at which partialFit, one row at a time, reports the overflow: an independent oracle. */
    private static int overflowingStep(int limit) {
        NeuralNetwork nn = saturatingUnit();
        for (int i = 0; i < limit; i++) {
            try {
                nn.partialFit(ones(1));
            } catch (TrainingDivergedException e) {
                assertTrue(e.getMessage().contains("weights NaN or infinite"), e.getMessage());
                return i + 1;
            }
        }
        throw new AssertionError("partialFit did not overflow within " + limit + " steps");
    }

    @Test
    void theBatchWhoseUpdateOverflowedIsNamedWithItsEpoch() {
        JavaSparkContext sc = LocalSpark.context();
        int stepsPerEpoch = 3;                               // 6 rows, 2 workers × 1 row per step
        int epochs = 4;
        int step = overflowingStep(stepsPerEpoch * epochs);
        int epoch = (step - 1) / stepsPerEpoch + 1;
        int batch = (step - 1) % stepsPerEpoch + 1;
        assertTrue(batch < stepsPerEpoch, "the oracle should overflow before an epoch's last batch, at step " + step);
        NeuralNetwork nn = saturatingUnit();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> SparkTraining.synchronous(sc).workers(2).batchSizePerWorker(1).epochs(epochs).shuffle(false)
                        .fit(nn, SparkData.of(sc, ones(6), 2)));
        String want = "training diverged in epoch " + epoch + " (of " + epochs + "), batch " + batch + " (of "
                + stepsPerEpoch + "): the update made the weights NaN or infinite; use a lower learning rate (now 1.0E38)";
        assertTrue(e.getMessage().startsWith(want), "expected «" + want + "…», got «" + e.getMessage() + "»");
    }
}
