package toynn.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toynn.Messages.assertMessage;

import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.TrainingDivergedException;

/**
 * {@code fit} with an optimizer step that is not checked before it is taken (Adam, momentum, RMSProp, SGD
 * with weight decay or clipping, batches of one row) must notice an update that made a weight NaN or
 * infinite at that very batch: the message names the batch and epoch whose update overflowed (not a
 * later one), and a run whose last update overflows throws instead of returning non-finite weights.
 */
class FitUpdateOverflowTest {

    /** A sigmoid unit saturates: once its weight is huge the loss and gradient stay finite, even when ∞. */
    private static NeuralNetwork saturatingUnit(Optimizer opt, double weightDecay) {
        return NeuralNetwork.builder().inputs(1).dense(1, ActivationFunction.SIGMOID).loss(Loss.MSE)
                .optimizer(opt).weightDecay(weightDecay).seed(5).build();
    }

    /** {@code n} rows of x = 1, t = 0.3. */
    private static DataSet ones(int n) {
        double[][] xs = new double[n][];
        double[][] ts = new double[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = new double[] {1};
            ts[i] = new double[] {0.3};
        }
        return DataSet.of(xs, ts);
    }

    /**
     * The step (from 1) at which partialFit, one row at a time, reports the update overflowed — the same
     * steps fit takes with batches of one row and no shuffling: an independent oracle for the batch to name.
     */
    private static int overflowingStep(NeuralNetwork nn, DataSet rows) {
        for (int i = 0; i < rows.size(); i++) {
            try {
                nn.partialFit(ones(1));
            } catch (TrainingDivergedException e) {
                assertMessage(e, "weights NaN or infinite");
                return i + 1;
            }
        }
        throw new AssertionError("partialFit did not overflow within " + rows.size() + " steps");
    }

    private static void assertAllFinite(NeuralNetwork nn) {
        for (var layer : nn.layers()) {
            for (float w : layer.weights()) {
                assertTrue(Float.isFinite(w), "fit returned weight " + w);
            }
        }
    }

    @Test
    void adamsOverflowingUpdateIsBlamedOnItsOwnBatch() {
        DataSet d = ones(40);
        int step = overflowingStep(saturatingUnit(Adam.of(1e38), 0), d);
        assertTrue(step > 1 && step < 40, "the oracle should overflow mid-epoch, at step " + step);
        NeuralNetwork nn = saturatingUnit(Adam.of(1e38), 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> nn.fit(d, FitOptions.create().epochs(3).batchSize(1).shuffle(false)));
        assertMessage(e, "training diverged in epoch 1 (of 3), batch " + step + " (of 40)", "NaN or infinite",
                "lower learning rate (now 1.0E38)");
    }

    @Test
    void momentumsOverflowingUpdateIsBlamedOnItsOwnBatch() {
        DataSet d = ones(40);
        int step = overflowingStep(saturatingUnit(Momentum.of(1e37, 0.9), 1e-36), d);
        NeuralNetwork nn = saturatingUnit(Momentum.of(1e37, 0.9), 1e-36);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> nn.fit(d, FitOptions.create().epochs(2).batchSize(1).shuffle(false)));
        assertMessage(e, "training diverged in epoch 1 (of 2), batch " + step + " (of 40)");
    }

    /** w ← w − lr·(g + λ·w) with lr·λ = 10 multiplies the weight by about −9 a step while λ·w stays small. */
    @Test
    void sgdWithWeightDecayOverflowingUpdateIsBlamedOnItsOwnBatch() {
        DataSet d = ones(40);
        int step = overflowingStep(saturatingUnit(Sgd.of(1e37), 1e-36), d);
        assertTrue(step > 1 && step < 10, "the oracle should overflow mid-epoch, at step " + step);
        NeuralNetwork nn = saturatingUnit(Sgd.of(1e37), 1e-36);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> nn.fit(d, FitOptions.create().epochs(2).batchSize(4).shuffle(false)));
        // four equal rows: each batch is one step on the same gradient as one row, so batch k is step k
        assertMessage(e, "training diverged in epoch 1 (of 2), batch " + step + " (of 10)");
    }

    @Test
    void anOverflowOnTheVeryLastUpdateStillThrows() {
        int step = overflowingStep(saturatingUnit(Adam.of(1e38), 0), ones(40));
        DataSet upToIt = ones(step);                                 // the run's last update is the one that overflows
        NeuralNetwork nn = saturatingUnit(Adam.of(1e38), 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> nn.fit(upToIt, FitOptions.create().epochs(1).batchSize(1).shuffle(false)));
        assertMessage(e, "training diverged in epoch 1 (of 1), batch " + step + " (of " + step + ")", "NaN or infinite");
    }

    @Test
    void aRunThatStaysFiniteIsNotStopped() {
        NeuralNetwork nn = saturatingUnit(Adam.of(0.1), 0);
        nn.fit(ones(40), FitOptions.create().epochs(2).batchSize(3));
        assertAllFinite(nn);
    }
}
