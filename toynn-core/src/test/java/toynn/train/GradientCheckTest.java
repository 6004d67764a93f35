package toynn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import toynn.ActivationFunction;
import toynn.DataSet;
import toynn.Loss;
import toynn.NeuralNetwork;
import toynn.ReferenceNetwork;
import toynn.layers.Dense;
import toynn.util.Rng;

/**
 * The gradient {@code fit} steps along ({@link Trainer#computeGradients}) against central differences
 * of an independent double-precision reference ({@link ReferenceNetwork}), for every hidden activation ×
 * every output activation/loss pairing — fused (softmax + cross-entropy, sigmoid + binary cross-entropy)
 * and general (e.g. squared error after softmax, cross-entropy after sigmoid) — with batch sizes 1 and 4,
 * two hidden layers, and dropout set on the network but switched off for the check.
 */
class GradientCheckTest {
    private static final double H = 1e-6;

    /** The valid (output activation, loss) pairs: squared error after anything; the cross-entropies after probabilities. */
    static List<Object[]> outputPairs() {
        List<Object[]> pairs = new ArrayList<>();
        for (ActivationFunction f : ReferenceNetwork.ELEMENT_WISE) {
            pairs.add(new Object[] {f, Loss.MSE});
        }
        pairs.add(new Object[] {ActivationFunction.SOFTMAX, Loss.MSE});
        pairs.add(new Object[] {ActivationFunction.SOFTMAX, Loss.CROSS_ENTROPY});         // fused
        pairs.add(new Object[] {ActivationFunction.SIGMOID, Loss.CROSS_ENTROPY});         // general path
        pairs.add(new Object[] {ActivationFunction.SIGMOID, Loss.BINARY_CROSS_ENTROPY});  // fused
        pairs.add(new Object[] {ActivationFunction.SOFTMAX, Loss.BINARY_CROSS_ENTROPY});  // general path
        return pairs;
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (ActivationFunction hidden : ReferenceNetwork.ELEMENT_WISE) {
            for (Object[] pair : outputPairs()) {
                for (int batch : new int[] {1, 4}) {
                    all.add(Arguments.of(hidden, pair[0], pair[1], batch));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}, batch {3}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(ActivationFunction hidden, ActivationFunction output, Loss loss, int batch) {
        NeuralNetwork nn = NeuralNetwork.builder().inputs(3)
                .dense(5, hidden).dropout(0.3)          // dropout must be off in the check
                .dense(4, hidden)
                .dense(3, output)
                .loss(loss).seed(11 + batch).build();
        check(nn, data(loss, batch, 3, 3, 99 + batch));
    }

    @Test
    void weightDecayGradientIsLambdaTimesW() {
        for (Loss loss : Loss.values()) {
            ActivationFunction out = loss == Loss.CROSS_ENTROPY ? ActivationFunction.SOFTMAX : ActivationFunction.SIGMOID;
            NeuralNetwork nn = NeuralNetwork.builder().inputs(3).dense(4, ActivationFunction.TANH).dense(3, out)
                    .loss(loss).weightDecay(0.1).seed(3).build();
            check(nn, data(loss, 4, 3, 3, 5));
        }
    }

    @Test
    void weightDecayAddsExactlyLambdaWToTheDataGradient() {
        NeuralNetwork plain = NeuralNetwork.builder().inputs(3).dense(4, ActivationFunction.RELU)
                .dense(2, ActivationFunction.LINEAR).seed(8).build();
        NeuralNetwork decayed = plain.copy();
        decayed.setWeightDecay(0.25);
        DataSet d = data(Loss.MSE, 5, 3, 2, 1);
        new Trainer(plain).computeGradients(d);
        new Trainer(decayed).computeGradients(d);
        for (int l = 0; l < 2; l++) {
            float[] w = plain.layers().get(l).weights();
            float[] g0 = plain.layers().get(l).weightGradient();
            float[] g1 = decayed.layers().get(l).weightGradient();
            for (int i = 0; i < w.length; i++) {
                assertEquals(g0[i] + 0.25f * w[i], g1[i], 0f, "layer " + l + " weight " + i);
            }
            // biases are not decayed
            assertEquals(java.util.Arrays.toString(plain.layers().get(l).biasGradient()),
                    java.util.Arrays.toString(decayed.layers().get(l).biasGradient()));
        }
    }

    /** Random inputs in [−1, 1); targets to suit the loss: probability rows, [0, 1] values, or any values. */
    static DataSet data(Loss loss, int n, int in, int out, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * in];
        float[] t = new float[n * out];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.uniform(-1, 1);
        }
        for (int r = 0; r < n; r++) {
            if (loss == Loss.CROSS_ENTROPY && r % 2 == 0) {
                t[r * out + rng.nextInt(out)] = 1f;                       // one-hot
            } else if (loss == Loss.CROSS_ENTROPY) {
                float a = (float) rng.uniform(0, 0.5);                    // soft labels summing to 1
                float b = (float) rng.uniform(0, 0.5);
                t[r * out] = a;
                t[r * out + 1] = b;
                t[r * out + 2] = 1f - a - b;
            } else {
                for (int j = 0; j < out; j++) {
                    t[r * out + j] = (float) rng.uniform(0, 1);
                }
            }
        }
        return DataSet.of(x, t, n, in, out);
    }

    /** Analytic (float, the library's) vs numeric (double, the reference's) gradient for every parameter. */
    static void check(NeuralNetwork nn, DataSet d) {
        double libraryLoss = new Trainer(nn).computeGradients(d);
        ReferenceNetwork ref = ReferenceNetwork.of(nn);
        double refLoss = ref.meanLoss(d.inputs(), d.targets(), d.size());
        assertEquals(refLoss, libraryLoss, 1e-5 * Math.max(1, Math.abs(refLoss)), "loss value");
        for (int l = 0; l < ref.weights.length; l++) {
            Dense layer = nn.layers().get(l);
            compare(ref, d, ref.weights[l], layer.weightGradient(), "layer " + l + " W");
            compare(ref, d, ref.biases[l], layer.biasGradient(), "layer " + l + " b");
        }
    }

    private static void compare(ReferenceNetwork ref, DataSet d, double[] params, float[] analytic, String what) {
        for (int i = 0; i < params.length; i++) {
            double keep = params[i];
            params[i] = keep + H;
            double up = ref.objective(d.inputs(), d.targets(), d.size());
            params[i] = keep - H;
            double down = ref.objective(d.inputs(), d.targets(), d.size());
            params[i] = keep;
            double numeric = (up - down) / (2 * H);
            double err = Math.abs(analytic[i] - numeric);
            if (err > 2e-5 + 1e-3 * Math.abs(numeric)) {
                fail(what + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric);
            }
        }
    }
}
