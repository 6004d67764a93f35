package toynn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import toynn.layers.Dense;
import toynn.train.FitOptions;
import toynn.train.History;
import toynn.train.Sgd;

/**
 * Softmax, log-sum-exp and the fused losses stay finite and exact for logits of ±1000, where
 * {@code e^1000} overflows a double: softmax is shift-invariant, so {@code softmax(z + c) = softmax(z)};
 * the references here use that identity on small numbers, independently of the code's max shift.
 */
class NumericalStabilityTest {
    @Test
    void softmaxOfHugeLogitsEqualsSoftmaxOfTheShiftedOnes() {
        float[] small = {1.5f, 0.25f, -2f, 0f};
        for (float c : new float[] {1000f, -1000f, 3e4f}) {
            float[] shifted = new float[small.length];
            for (int i = 0; i < small.length; i++) {
                shifted[i] = small[i] + c;                       // exact in float32 for these values
            }
            float[] a = new float[small.length];
            ActivationFunction.SOFTMAX.forward(shifted, a, 1, small.length);
            double[] want = softmaxInDouble(small);
            for (int i = 0; i < a.length; i++) {
                assertTrue(Float.isFinite(a[i]), "softmax(z + " + c + ")[" + i + "] = " + a[i]);
                assertEquals(want[i], a[i], 1e-6, "softmax(z + " + c + ")[" + i + "]");
            }
        }
    }

    @Test
    void softmaxOfOppositeHugeLogitsIsOneHot() {
        float[] z = {1000f, -1000f, 999f, -1000f, 1000f, -1000f};      // two rows of three
        float[] a = new float[6];
        ActivationFunction.SOFTMAX.forward(z, a, 2, 3);
        double e1 = Math.exp(-1);                                      // row 0: softmax(1, −1999, 0)
        assertEquals(1 / (1 + e1), a[0], 1e-6);
        assertEquals(0.0, a[1], 0.0);
        assertEquals(e1 / (1 + e1), a[2], 1e-6);
        assertArrayEquals(new float[] {0f, 1f, 0f}, new float[] {a[3], a[4], a[5]});
    }

    @Test
    void fusedCrossEntropyOfHugeLogitsIsFiniteAndExact() {
        float[] z = {1000f, -1000f};
        float[] a = new float[2];
        ActivationFunction.SOFTMAX.forward(z, a, 1, 2);
        // −log softmax(z)_1 = log(e^1000 + e^−1000) + 1000 = 2000 + log(1 + e^−2000) = 2000
        assertEquals(2000.0, Loss.CROSS_ENTROPY.sum(z, a, new float[] {0f, 1f}, 1, 2, true), 1e-9);
        assertEquals(0.0, Loss.CROSS_ENTROPY.sum(z, a, new float[] {1f, 0f}, 1, 2, true), 1e-9);
        float[] d = new float[2];
        Loss.CROSS_ENTROPY.gradient(a, new float[] {0f, 1f}, d, 1, 2, true);
        assertArrayEquals(new float[] {1f, -1f}, d, "dZ = softmax(z) − t");
    }

    @Test
    void fusedBinaryCrossEntropyOfHugeLogitsIsFiniteAndExact() {
        float[] z = {-1000f, 1000f, 1000f};
        float[] a = new float[3];
        ActivationFunction.SIGMOID.forward(z, a, 1, 3);
        assertArrayEquals(new float[] {0f, 1f, 1f}, a);
        // t=1 at z=−1000: −log σ(−1000) = 1000 + log(1 + e^−1000) = 1000; t=1 at z=1000: ≈ 0; t=0 at z=1000: 1000.
        float[] t = {1f, 1f, 0f};
        assertEquals(2000.0, Loss.BINARY_CROSS_ENTROPY.sum(z, a, t, 1, 3, true), 1e-9);
        float[] d = new float[3];
        Loss.BINARY_CROSS_ENTROPY.gradient(a, t, d, 1, 3, true);
        assertArrayEquals(new float[] {-1f, 0f, 1f}, d, "dZ = σ(z) − t");
    }

    @Test
    void aNetworkWithLogitsOfAThousandPredictsAndTrainsWithoutNaN() {
        // Output weights ±500 on inputs of ±1 give logits of about ±1000.
        NeuralNetwork nn = NeuralNetwork.builder().inputs(2).dense(2, ActivationFunction.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).optimizer(Sgd.of(0.1)).seed(1).build();
        Dense out = nn.layers().get(0);
        System.arraycopy(new float[] {500f, 500f, -500f, -500f}, 0, out.weights(), 0, 4);
        double[] p = nn.predict(new double[] {1, 1});
        assertEquals(1.0, p[0], 0.0);
        assertEquals(0.0, p[1], 0.0);
        DataSet wrong = DataSet.of(new double[][] {{1, 1}}, new double[][] {{0, 1}});
        History h = nn.fit(wrong, FitOptions.create().epochs(1).batchSize(1));
        assertEquals(2000.0, h.epochs().get(0).trainLoss(), 1e-3, "the loss of a confident mistake is large but finite");
        for (float w : out.weights()) {
            assertTrue(Float.isFinite(w));
        }
        assertEquals(500f - 0.1f, out.weights()[0], 1e-4, "one SGD step with dZ = (1, −1): W −= lr·dZᵀ·x");
    }

    private static double[] softmaxInDouble(float[] z) {
        double sum = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i]);                               // small logits: no shift needed
            sum += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= sum;
        }
        return e;
    }
}
