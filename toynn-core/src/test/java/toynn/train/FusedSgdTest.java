package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toynn.Messages.assertMessage;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.TrainingDivergedException;
import toynn.layers.Dense;

/**
 * {@code fit} with plain SGD (no weight decay, no clipping) folds the step into the weight-gradient
 * product, {@code W ← W − (lr/n)·dZᵀ·A} rounded once. It must train the same network as the separate
 * step (gradients, then {@code w − lr·g}; here forced by a clipping bound that never clips) up to
 * float rounding, count its steps, and refuse a diverging step before any weight changes.
 */
class FusedSgdTest {

    private static NeuralNetwork network() {
        return NeuralNetwork.builder().inputs(4).dense(16, ActivationFunction.RELU).dense(8, ActivationFunction.TANH)
                .dense(3, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Sgd.of(0.2)).seed(11).build();
    }

    @Test
    void fusedStepTrainsTheSameNetworkAsTheSeparateStep() {
        DataSet d = FitTest.blobs(203, 4);                       // 203 = 12 batches of 16 + one of 11
        NeuralNetwork fused = network();
        NeuralNetwork separate = network();
        FitOptions o = FitOptions.create().epochs(4).batchSize(16).seed(3);
        History hf = fused.fit(d, o);
        History hs = separate.fit(d, o.clipGradientNorm(1e30));  // a bound above every ‖g‖: the separate step
        assertEquals(separate.optimizer().steps(), fused.optimizer().steps(), "one step per batch either way");
        assertEquals(4 * 13, fused.optimizer().steps());
        boolean anyDifferent = false;
        for (int l = 0; l < 3; l++) {
            float[] wf = fused.layers().get(l).weights();
            float[] ws = separate.layers().get(l).weights();
            assertArrayEquals(ws, wf, 1e-4f, "weights of layer " + l);
            assertArrayEquals(separate.layers().get(l).bias(), fused.layers().get(l).bias(), 1e-4f, "bias of layer " + l);
            anyDifferent |= !Arrays.equals(wf, ws);
        }
        assertEquals(hs.last().trainLoss(), hf.last().trainLoss(), 1e-4);
        assertTrue(hf.last().trainLoss() < hf.epochs().get(0).trainLoss(), "it learns");
        // not vacuous: the fused product rounds W + α·acc once, the separate step twice
        assertTrue(anyDifferent, "the two paths round differently somewhere");
    }

    @Test
    void fusedFitIsBitIdenticalRunToRun() {
        DataSet d = FitTest.blobs(150, 9);
        NeuralNetwork a = network();
        NeuralNetwork b = network();
        FitOptions o = FitOptions.create().epochs(3).batchSize(32).seed(5);
        a.fit(d, o);
        b.fit(d, o);
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(a.layers().get(l).weights(), b.layers().get(l).weights(), 0f);
            assertArrayEquals(a.layers().get(l).bias(), b.layers().get(l).bias(), 0f);
        }
    }

    /**
     * A finite gradient whose update overflows float32: the hidden layer is linear and its output is
     * ≈ 1e38, so {@code (lr/n)·dZᵀ·A} with lr 100 exceeds float's range. The loss (sigmoid output, squared
     * error) stays finite; the bound on the fused product notices, the exact check confirms, and no weight
     * moves.
     */
    @Test
    void updateThatWouldOverflowIsRefusedBeforeAnyWeightChanges() {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(1).dense(1, ActivationFunction.LINEAR)
                .dense(1, ActivationFunction.SIGMOID).loss(Loss.MSE).optimizer(Sgd.of(100)).seed(1).build();
        Dense hidden = nn.layers().get(0);
        Dense output = nn.layers().get(1);
        hidden.weights()[0] = 1f;
        hidden.bias()[0] = 0f;
        output.weights()[0] = 1e-38f;
        output.bias()[0] = 0f;
        DataSet d = DataSet.of(new double[][] {{1e38}, {1e38}}, new double[][] {{0}, {0}});
        float[] w0 = hidden.weights().clone();
        float[] w1 = output.weights().clone();
        float[] b1 = output.bias().clone();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> nn.fit(d, FitOptions.create().epochs(1).batchSize(2)));
        assertMessage(e, "epoch 1", "batch 1", "would make a weight of layer 1 infinite", "lower learning rate");
        assertArrayEquals(w0, hidden.weights(), 0f);
        assertArrayEquals(w1, output.weights(), 0f);
        assertArrayEquals(b1, output.bias(), 0f);
        assertEquals(0, nn.optimizer().steps(), "the refused step is not counted");
    }

    @Test
    void aGradientThatIsNaNStopsFitWithTheLayerNamed() {
        // ReLU hidden layer fed a learning rate so large the weights run away: eventually NaN or ∞ somewhere.
        NeuralNetwork nn = NeuralNetwork.builder().inputs(4).dense(8, ActivationFunction.RELU)
                .dense(3, ActivationFunction.SOFTMAX).loss(Loss.CROSS_ENTROPY).optimizer(Sgd.of(1e30)).seed(2).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> nn.fit(FitTest.blobs(120, 3), FitOptions.create().epochs(20).batchSize(8)));
        assertTrue(e.getMessage().matches("training diverged in epoch \\d+ \\(of 20\\), batch \\d+ \\(of 15\\): .*"),
                e.getMessage());
        for (Dense layer : nn.layers()) {
            for (float w : layer.weights()) {
                assertTrue(Float.isFinite(w), "a weight became " + w + " without an exception first");
            }
            for (float b : layer.bias()) {
                assertFalse(Float.isNaN(b) || Float.isInfinite(b), "a bias became " + b);
            }
        }
    }
}
