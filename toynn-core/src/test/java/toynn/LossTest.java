package toynn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossTest {
    @Test
    void fusedCrossEntropyIsStableForHugeLogits() {
        float[] z = {1000f, 0f, -1000f};
        float[] a = new float[3];
        ActivationFunction.SOFTMAX.forward(z, a, 1, 3);           // a = (1, 0, 0): log a[1] would be −∞
        float[] t = {0f, 1f, 0f};
        assertEquals(1000.0, Loss.CROSS_ENTROPY.sum(z, a, t, 1, 3, true), 1e-9);
        float[] d = new float[3];
        Loss.CROSS_ENTROPY.gradient(a, t, d, 1, 3, true);
        assertEquals(1f, d[0]);
        assertEquals(-1f, d[1]);
        assertEquals(0f, d[2]);
    }

    @Test
    void fusedBinaryCrossEntropyIsStableForHugeLogits() {
        float[] z = {100f, -100f, 0f};
        float[] t = {0f, 0f, 1f};
        float[] a = new float[3];
        ActivationFunction.SIGMOID.forward(z, a, 1, 3);
        // −log(1 − σ(100)) = 100 (to 1e-40); −log(1 − σ(−100)) ≈ e^−100; −log σ(0) = log 2
        assertEquals(100 + Math.log(2), Loss.BINARY_CROSS_ENTROPY.sum(z, a, t, 1, 3, true), 1e-9);
    }

    @Test
    void squaredErrorIsHalfTheSquaredDistance() {
        float[] a = {0.5f, 2f};
        float[] t = {1f, 0f};
        assertEquals(0.5 * (0.25 + 4), Loss.MSE.sum(null, a, t, 1, 2, false), 1e-12);
        float[] d = new float[2];
        Loss.MSE.gradient(a, t, d, 1, 2, false);
        assertEquals(-0.5f, d[0]);
        assertEquals(2f, d[1]);
    }

    @Test
    void namesAndPairings() {
        assertEquals(Loss.MSE, Loss.byName("mse"));
        assertEquals(Loss.CROSS_ENTROPY, Loss.byName("Cross-Entropy"));
        assertEquals(Loss.BINARY_CROSS_ENTROPY, Loss.byName("binary_cross_entropy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.byName("hinge"));
        assertTrue(e.getMessage().contains("[mse, cross_entropy, binary_cross_entropy]"), e.getMessage());
        assertTrue(Loss.CROSS_ENTROPY.isFusedWith(ActivationFunction.SOFTMAX));
        assertTrue(Loss.BINARY_CROSS_ENTROPY.isFusedWith(ActivationFunction.SIGMOID));
        assertTrue(!Loss.MSE.isFusedWith(ActivationFunction.SIGMOID));
        assertThrows(IllegalArgumentException.class, () -> Loss.CROSS_ENTROPY.checkOutputActivation(ActivationFunction.RELU));
    }
}
