package toynn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.layers.Dense;
import toynn.util.Rng;

/**
 * {@link FitOptions#clipGradientNorm(double)}: one step of SGD with clipping must move every weight by
 * {@code −lr · g · c/‖g‖}, where {@code g} and {@code ‖g‖} are computed here independently of fit;
 * a bound above {@code ‖g‖} changes nothing, bit for bit.
 */
class GradientClippingTest {
    private static final double LR = 0.5;

    @Test
    void aStepIsScaledToTheBoundWhenTheGradientIsLonger() {
        DataSet batch = batch();
        NeuralNetwork before = network();
        float[][] g = gradients(before, batch);
        double norm = globalNorm(g);
        assertTrue(norm > 1e-3, "test needs a non-trivial gradient, got " + norm);
        double bound = norm / 4;

        NeuralNetwork clipped = before.copy();
        clipped.fit(batch, oneFullBatchStep().clipGradientNorm(bound));
        List<Dense> b = before.layers();
        List<Dense> c = clipped.layers();
        for (int l = 0; l < b.size(); l++) {
            expectStep(b.get(l).weights(), g[2 * l], c.get(l).weights(), bound / norm, "layer " + l + " W");
            expectStep(b.get(l).bias(), g[2 * l + 1], c.get(l).bias(), bound / norm, "layer " + l + " b");
        }
        // The step actually taken has length lr · bound.
        double stepSquares = 0;
        for (int l = 0; l < b.size(); l++) {
            stepSquares += squaredDistance(b.get(l).weights(), c.get(l).weights())
                    + squaredDistance(b.get(l).bias(), c.get(l).bias());
        }
        assertEquals(LR * bound, Math.sqrt(stepSquares), 1e-5 * LR * bound);
    }

    @Test
    void aBoundAboveTheGradientNormChangesNothing() {
        DataSet batch = batch();
        NeuralNetwork plain = network();
        double norm = globalNorm(gradients(plain, batch));
        NeuralNetwork loose = plain.copy();
        plain.fit(batch, oneFullBatchStep().epochs(3));
        loose.fit(batch, oneFullBatchStep().epochs(3).clipGradientNorm(norm * 10));
        for (int l = 0; l < plain.layers().size(); l++) {
            assertArrayEquals(plain.layers().get(l).weights(), loose.layers().get(l).weights());
            assertArrayEquals(plain.layers().get(l).bias(), loose.layers().get(l).bias());
        }
    }

    @Test
    void clippingBoundsTheStepOfAHugeGradient() {
        // Targets a thousand times too large: the squared-error gradient is huge; clipped, the step is not.
        DataSet batch = batch();
        float[] t = batch.targets().clone();
        for (int i = 0; i < t.length; i++) {
            t[i] *= 1000;
        }
        DataSet far = DataSet.of(batch.inputs(), t, batch.size(), batch.inputSize(), batch.targetSize());
        NeuralNetwork nn = NeuralNetwork.builder().inputs(3).dense(4, ActivationFunction.TANH)
                .dense(2, ActivationFunction.LINEAR).loss(Loss.MSE).optimizer(Sgd.of(LR)).seed(5).build();
        NeuralNetwork start = nn.copy();
        nn.fit(far, oneFullBatchStep().clipGradientNorm(1.0));
        double step = 0;
        for (int l = 0; l < nn.layers().size(); l++) {
            step += squaredDistance(start.layers().get(l).weights(), nn.layers().get(l).weights())
                    + squaredDistance(start.layers().get(l).bias(), nn.layers().get(l).bias());
        }
        assertTrue(Math.sqrt(step) <= LR * 1.0 * (1 + 1e-5), "step length " + Math.sqrt(step));
    }

    @Test
    void badBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FitOptions.create().clipGradientNorm(-1));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.create().clipGradientNorm(Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.create().clipGradientNorm(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("gradient-clipping norm"), e.getMessage());
        assertEquals(0.0, FitOptions.create().clipGradientNorm(), "off by default");
    }

    private static FitOptions oneFullBatchStep() {
        return FitOptions.create().epochs(1).batchSize(8).shuffle(false).seed(1);
    }

    private static NeuralNetwork network() {
        return NeuralNetwork.builder().inputs(3).dense(4, ActivationFunction.TANH)
                .dense(2, ActivationFunction.SIGMOID).loss(Loss.MSE).optimizer(Sgd.of(LR)).seed(3).build();
    }

    private static DataSet batch() {
        Rng rng = new Rng(11);
        double[][] x = new double[8][3];
        double[][] y = new double[8][2];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.uniform(-2, 2);
            }
            y[i][0] = rng.uniform(0, 1);
            y[i][1] = 1 - y[i][0];
        }
        return DataSet.of(x, y);
    }

    /** dW0, db0, dW1, db1 of the mean loss on {@code batch}, from a separate trainer on a copy. */
    private static float[][] gradients(NeuralNetwork nn, DataSet batch) {
        NeuralNetwork copy = nn.copy();
        new Trainer(copy).computeGradients(batch);
        List<Dense> layers = copy.layers();
        float[][] g = new float[2 * layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            g[2 * l] = layers.get(l).weightGradient().clone();
            g[2 * l + 1] = layers.get(l).biasGradient().clone();
        }
        return g;
    }

    private static double globalNorm(float[][] g) {
        double s = 0;
        for (float[] a : g) {
            for (float v : a) {
                s += (double) v * v;
            }
        }
        return Math.sqrt(s);
    }

    private static void expectStep(float[] before, float[] g, float[] after, double scale, String what) {
        for (int i = 0; i < before.length; i++) {
            double want = before[i] - LR * g[i] * scale;
            assertEquals(want, after[i], 1e-6 * (1 + Math.abs(want)), what + "[" + i + "]");
        }
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
